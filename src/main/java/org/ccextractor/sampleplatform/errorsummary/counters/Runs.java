package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Table runs: the runs the service has seen an event of, each with its change counter (V5) and its metadata (V8). Its
 * summary is 404 without a row here; a ranked view is valid while the run's version is the one it was read at.
 */
@ApplicationScoped
public class Runs {

    /** Every run a batch counts in gets a new version, from a sequence: a run deleted and started again never repeats one. */
    private static final String TOUCH = """
            INSERT INTO runs (run_id) SELECT unnest($1::bigint[])
            ON CONFLICT (run_id) DO UPDATE SET version = nextval('run_versions')
            """;

    /**
     * {@link #TOUCH} for a batch that says something of some of its runs (most say nothing): their metadata is filled
     * in, and a value known already is kept whatever the batch says (the batch handler has dead-lettered what
     * conflicts with it, {@link RunMetadata#conflicts}).
     */
    private static final String TOUCH_WITH_METADATA = """
            INSERT INTO runs (run_id, branch, platform, commit, base_commit, tests_expected, tests_run)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::integer[])
            ON CONFLICT (run_id) DO UPDATE SET version = nextval('run_versions'),
                branch = coalesce(runs.branch, excluded.branch),
                platform = coalesce(runs.platform, excluded.platform),
                commit = coalesce(runs.commit, excluded.commit),
                base_commit = coalesce(runs.base_commit, excluded.base_commit),
                tests_expected = coalesce(runs.tests_expected, excluded.tests_expected),
                tests_run = coalesce(runs.tests_run, excluded.tests_run)
            """;

    private static final String SELECT_METADATA = """
            SELECT run_id, branch, platform, commit, base_commit, tests_expected, tests_run FROM runs
            WHERE run_id = ANY($1::bigint[])
            """;

    private static final String DELETE = "DELETE FROM runs WHERE run_id = $1";

    /** A pull request run's branch point: parameters base commit, platform, the run (V9's runs_complete_by_commit). */
    private static final String BRANCH_POINT = """
            SELECT max(run_id) FROM runs WHERE complete AND commit = $1 AND platform = $2 AND run_id <> $3
            """;

    /** The run before on a branch: parameters branch, platform, the run (V9's runs_complete_by_branch). */
    private static final String PREVIOUS_ON_BRANCH = """
            SELECT max(run_id) FROM runs WHERE complete AND branch = $1 AND platform = $2 AND run_id < $3
            """;

    private final Pool pool;

    public Runs(Pool pool) {
        this.pool = pool;
    }

    /**
     * Makes the runs known, gives each a new version and fills in their metadata; in ascending order, so that
     * concurrent batches lock alike.
     *
     * @param metadata what the batch says of some of the runs (a run's events in order, folded by
     *                 {@link RunMetadata#filledIn}); the others get nothing new
     */
    public Uni<Void> touch(SqlConnection transaction, Set<Long> runIds, Map<Long, RunMetadata> metadata) {
        List<Long> sorted = runIds.stream().sorted().toList();
        if (metadata.isEmpty()) {
            return transaction.preparedQuery(TOUCH).execute(Tuple.of(sorted.toArray(Long[]::new))).replaceWithVoid();
        }
        int n = sorted.size();
        String[] branches = new String[n];
        String[] platforms = new String[n];
        String[] commits = new String[n];
        String[] baseCommits = new String[n];
        Integer[] testsExpected = new Integer[n];
        Integer[] testsRun = new Integer[n];
        for (int i = 0; i < n; i++) {
            RunMetadata run = metadata.getOrDefault(sorted.get(i), RunMetadata.NONE);
            branches[i] = run.branch();
            platforms[i] = run.platform();
            commits[i] = run.commit();
            baseCommits[i] = run.baseCommit();
            testsExpected[i] = run.testsExpected();
            testsRun[i] = run.testsRun();
        }
        return transaction.preparedQuery(TOUCH_WITH_METADATA).execute(Tuple.tuple(List.<Object>of(sorted.toArray(Long[]::new), branches,
                platforms, commits, baseCommits, testsExpected, testsRun))).replaceWithVoid();
    }

    /**
     * The stored metadata of those of the runs that are known, in the batch's transaction. Read without a lock: a run's
     * events are on one partition (README, "Events"), whose batches the stored offsets' lock serializes.
     */
    public Uni<Map<Long, RunMetadata>> metadata(SqlConnection transaction, Set<Long> runIds) {
        return transaction.preparedQuery(SELECT_METADATA).execute(Tuple.of(runIds.toArray(Long[]::new))).map(rows -> {
            Map<Long, RunMetadata> known = new HashMap<>();
            for (Row row : rows) {
                known.put(row.getLong(0), new RunMetadata(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getInteger(5), row.getInteger(6)));
            }
            return known;
        });
    }

    public Uni<Void> delete(SqlConnection transaction, long runId) {
        return transaction.preparedQuery(DELETE).execute(Tuple.of(runId)).replaceWithVoid();
    }

    /** The highest complete run other than {@code runId} that tested {@code baseCommit} on {@code platform}. */
    public Uni<Optional<Long>> branchPoint(long runId, String baseCommit, String platform) {
        return highest(BRANCH_POINT, Tuple.of(baseCommit, platform, runId));
    }

    /** The highest complete run below {@code runId} on {@code branch} and {@code platform}. */
    public Uni<Optional<Long>> previousOnBranch(long runId, String branch, String platform) {
        return highest(PREVIOUS_ON_BRANCH, Tuple.of(branch, platform, runId));
    }

    private Uni<Optional<Long>> highest(String query, Tuple parameters) {
        return pool.preparedQuery(query).execute(parameters)
                .map(rows -> Optional.ofNullable(rows.iterator().next().getLong(0)));
    }

    /** The run's version, or null when the run is unknown (never seen, or deleted). */
    public Uni<Long> version(long runId) {
        return Panache.withSession(() -> Run.<Run>findById(runId)).map(run -> run == null ? null : run.version);
    }
}
