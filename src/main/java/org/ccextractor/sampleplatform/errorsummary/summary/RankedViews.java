package org.ccextractor.sampleplatform.errorsummary.summary;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.counters.BucketCounters;
import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.Runs;
import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;
import org.ccextractor.sampleplatform.errorsummary.problem.DatabaseUnavailable;

/**
 * The ranked view of each (run, dimension) that summaries are served from, kept in memory in each replica and valid
 * while the run's version is unchanged: stored, the counters by primary key; derived here, their order, once per
 * change of a run and shared by every read until the next one.
 * <p>
 * A view checked less than {@code error-summary.summary.max-staleness} ago is served as it is: a run that changes
 * with every batch is not ranked again for every read, and a read costs no database round trip. After that, a read
 * checks the run's version (one primary-key lookup, which also finds a deleted run): unchanged, the view is good
 * for another period; changed, it is loaded again (one primary-key range scan) and ranked. Concurrent misses of one
 * view load it once. The views are bounded by their weight in bytes ({@code error-summary.summary.view-cache-bytes}).
 * Each database round trip of a read is bounded by {@code error-summary.summary.database-timeout}: past it, or with
 * the database unreachable, the read fails with {@link DatabaseUnavailable} (503).
 * Metrics: {@code error_summary_views_reads_total{result=fresh|checked|loaded}}, {@code error_summary_views_load_seconds},
 * and Caffeine's {@code cache_*{cache="ranked-views"}} (size, weight, evictions).
 */
@ApplicationScoped
public class RankedViews {

    private record Key(long runId, Dimension dimension) {
    }

    /** How a read found its view (the metric's result). */
    private enum Read {
        /** Checked against its run less than max-staleness ago. */
        FRESH,
        /** Checked now, and still current. */
        CHECKED,
        /** Loaded and ranked, or joined a load under way. */
        LOADED
    }

    /** A view and the System.nanoTime() when its version was last found current. */
    private static final class Entry {
        final RankedView view;
        volatile long checkedAt;

        Entry(RankedView view, long checkedAt) {
            this.view = view;
            this.checkedAt = checkedAt;
        }
    }

    private final BucketCounters counters;
    private final Runs runs;
    private final long maxStalenessNanos;
    private final Duration databaseTimeout;
    private final AsyncCache<Key, Entry> views;
    private final Map<Read, Counter> reads = new EnumMap<>(Read.class);
    private final Timer loadTime;

    public RankedViews(BucketCounters counters, Runs runs, ErrorSummaryConfig config, MeterRegistry registry) {
        this.counters = counters;
        this.runs = runs;
        this.maxStalenessNanos = config.summary().maxStaleness().toNanos();
        this.databaseTimeout = config.summary().databaseTimeout();
        this.views = Caffeine.newBuilder()
                .maximumWeight(config.summary().viewCacheBytes())
                .<Key, Entry> weigher((key, entry) -> entry.view.weight())
                .recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(registry, views.synchronous(), "ranked-views");
        for (Read read : Read.values()) {
            reads.put(read, registry.counter("error_summary.views.reads", "result", WireNames.of(read)));
        }
        this.loadTime = registry.timer("error_summary.views.load");
    }

    /** The view of the run's {@code dimension}, at most max-staleness old; empty when the run is unknown. */
    public Uni<Optional<RankedView>> view(long runId, Dimension dimension) {
        Key key = new Key(runId, dimension);
        Executor caller = CallerContext.current();
        CompletableFuture<Entry> cached = views.getIfPresent(key);
        Entry entry = cached != null && cached.isDone() && !cached.isCompletedExceptionally() ? cached.join() : null;
        if (entry == null) {
            // Through the map view, which records no second miss in the cache's statistics.
            return serve(cached != null ? cached : views.asMap().computeIfAbsent(key, this::load), Read.LOADED, caller);
        }
        if (System.nanoTime() - entry.checkedAt < maxStalenessNanos) {
            reads.get(Read.FRESH).increment();
            return Uni.createFrom().item(Optional.of(entry.view));
        }
        long asked = System.nanoTime(); // the version is at least this fresh
        return DatabaseUnavailable.within(databaseTimeout, runs.version(runId)).chain(version -> {
            if (version == null) {
                views.asMap().remove(key, cached);
                return Uni.createFrom().item(Optional.<RankedView> empty());
            }
            if (version == entry.view.version()) {
                entry.checkedAt = asked;
                return serve(cached, Read.CHECKED, caller);
            }
            // Replaced once, by the first read that finds it stale; the others get the same load.
            return serve(views.asMap().compute(key, (k, current) -> current == cached || current == null ? load(k) : current), Read.LOADED,
                    caller);
        });
    }

    /** The entry's view once loaded, on the caller's context: the load may be another request's (CallerContext). */
    private Uni<Optional<RankedView>> serve(CompletableFuture<Entry> entry, Read read, Executor caller) {
        reads.get(read).increment();
        return Uni.createFrom().completionStage(entry).emitOn(caller).map(e -> Optional.ofNullable(e).map(found -> found.view));
    }

    /** Reads and ranks the view; completes with null (nothing cached) when the run is unknown. */
    private CompletableFuture<Entry> load(Key key) {
        long started = System.nanoTime();
        // Bounded here, so that a load the database never answers fails and leaves the cache, rather than hold every
        // later read of its view.
        return DatabaseUnavailable.within(databaseTimeout, counters.view(key.runId(), key.dimension()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(stored -> stored.map(s -> new Entry(RankedView.of(key.runId(), key.dimension(), s), started)).orElse(null))
                .invoke(() -> loadTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .subscribeAsCompletionStage();
    }
}
