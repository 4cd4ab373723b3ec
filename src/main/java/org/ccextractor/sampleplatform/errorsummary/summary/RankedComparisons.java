package org.ccextractor.sampleplatform.errorsummary.summary;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;
import org.ccextractor.sampleplatform.errorsummary.counters.Runs;
import org.ccextractor.sampleplatform.errorsummary.problem.ApiProblem;
import org.ccextractor.sampleplatform.errorsummary.problem.DatabaseUnavailable;

/**
 * A run's comparison with its baseline, derived from the two runs' {@link RankedViews} (ADR 0002) and kept in memory
 * per (run version, baseline version, dimension): once both views are ranked and compared, a read costs what a summary
 * read costs. Each view is as fresh as a summary's ({@code error-summary.summary.max-staleness}); so is the automatic
 * baseline, which is looked up again (one index probe, V9) at most that often per run. Concurrent misses compare once;
 * the comparisons are bounded by weight ({@code error-summary.summary.comparison-cache-bytes}). Metrics: Caffeine's
 * {@code cache_*{cache="comparisons"}}.
 */
@ApplicationScoped
public class RankedComparisons {

    /** Baseline id 0: none (run ids start at 1). */
    private record Key(long runId, long runVersion, long baselineId, long baselineVersion, Dimension dimension) {
    }

    private record RunVersion(long runId, long version) {
    }

    /** A run's view and its baseline's, and how that was found; both null when there is none. */
    private record Resolved(RankedView run, RankedView baseline, ResolvedBy resolvedBy) {
    }

    /**
     * A run's view, its baseline's of the same dimension and how it was found (both null when there is none), and
     * their comparison.
     */
    public record Comparison(RankedView run, RankedView baseline, ResolvedBy resolvedBy, RankedComparison ranked) {
    }

    private final RankedViews views;
    private final Runs runs;
    private final Duration databaseTimeout;
    private final AsyncCache<Key, RankedComparison> comparisons;
    private final AsyncCache<RunVersion, Optional<Long>> automaticBaselines;

    public RankedComparisons(RankedViews views, Runs runs, ErrorSummaryConfig config, MeterRegistry registry) {
        this.views = views;
        this.runs = runs;
        this.databaseTimeout = config.summary().databaseTimeout();
        this.comparisons = Caffeine.newBuilder()
                .maximumWeight(config.summary().comparisonCacheBytes())
                .<Key, RankedComparison> weigher((key, comparison) -> comparison.weight())
                .recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(registry, comparisons.synchronous(), "comparisons");
        this.automaticBaselines = Caffeine.newBuilder()
                .expireAfterWrite(config.summary().maxStaleness())
                .maximumSize(100_000)
                .buildAsync();
    }

    /**
     * The comparison of the run's {@code dimension} with the baseline given, or with the one {@code auto} finds when
     * none is given (issue 18; schemas/openapi.yaml).
     *
     * @throws ApiProblem 404 when the run, or the baseline given, is unknown
     * @throws DatabaseUnavailable when PostgreSQL does not answer within error-summary.summary.database-timeout
     */
    public Uni<Comparison> compare(long runId, Optional<Long> baseline, Dimension dimension) {
        Executor caller = CallerContext.current();
        return known(runId, dimension).chain(run -> baseline
                .map(id -> known(id, dimension).map(view -> new Resolved(run, view, ResolvedBy.EXPLICIT)))
                .orElseGet(() -> automatic(run, caller))
                .chain(this::compared));
    }

    private Uni<RankedView> known(long runId, Dimension dimension) {
        return views.view(runId, dimension).map(view -> view.orElseThrow(() -> ApiProblem.notFound("run", runId)));
    }

    /**
     * The baseline issue 18's {@code auto} finds: a pull request run's branch point, else the run before it on its
     * branch; never another run when the one its rule names has no complete run. A baseline deleted since it was
     * found is looked up again.
     */
    private Uni<Resolved> automatic(RankedView run, Executor caller) {
        RunMetadata metadata = run.metadata();
        ResolvedBy rule = metadata.baseCommit() != null ? ResolvedBy.BRANCH_POINT : ResolvedBy.PREVIOUS_ON_BRANCH;
        Resolved none = new Resolved(run, null, null);
        if (metadata.platform() == null || (rule == ResolvedBy.PREVIOUS_ON_BRANCH && metadata.branch() == null)) {
            return Uni.createFrom().item(none);
        }
        RunVersion key = new RunVersion(run.runId(), run.version());
        CompletableFuture<Optional<Long>> found = automaticBaselines.get(key,
                (k, executor) -> DatabaseUnavailable.within(databaseTimeout, rule == ResolvedBy.BRANCH_POINT
                        ? runs.branchPoint(run.runId(), metadata.baseCommit(), metadata.platform())
                        : runs.previousOnBranch(run.runId(), metadata.branch(), metadata.platform()))
                        .subscribeAsCompletionStage());
        // A lookup may be another request's: on with this one's context (CallerContext).
        return Uni.createFrom().completionStage(found).emitOn(caller).chain(id -> id.isEmpty()
                ? Uni.createFrom().item(none)
                : views.view(id.get(), run.dimension()).chain(view -> {
                    if (view.isPresent()) {
                        return Uni.createFrom().item(new Resolved(run, view.get(), rule));
                    }
                    // Deleted since it was found: another complete run may take its place at once, so it is looked up
                    // again rather than answered as none until the lookup expires.
                    automaticBaselines.asMap().remove(key, found);
                    return automatic(run, caller);
                }));
    }

    /** The comparison the two views give, ranked on a worker thread once per pair of versions. */
    private Uni<Comparison> compared(Resolved resolved) {
        RankedView run = resolved.run();
        RankedView baseline = resolved.baseline();
        Key key = new Key(run.runId(), run.version(), baseline == null ? 0 : baseline.runId(),
                baseline == null ? 0 : baseline.version(), run.dimension());
        CompletableFuture<RankedComparison> ranked = comparisons.get(key,
                (k, executor) -> CompletableFuture.supplyAsync(() -> RankedComparison.of(run, baseline),
                        Infrastructure.getDefaultWorkerPool()));
        return Uni.createFrom().completionStage(ranked)
                .map(comparison -> new Comparison(run, baseline, resolved.resolvedBy(), comparison));
    }
}
