package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Table runs: the runs the service has seen an event of, each with its change counter (V5). Its summary is 404
 * without a row here; a ranked view is valid while the run's version is the one it was read at.
 */
@ApplicationScoped
public class Runs {

    /** Every run a batch counts in gets a new version, from a sequence: a run deleted and started again never repeats one. */
    private static final String TOUCH = """
            INSERT INTO runs (run_id) SELECT unnest($1::bigint[])
            ON CONFLICT (run_id) DO UPDATE SET version = nextval('run_versions')
            """;

    private static final String DELETE = "DELETE FROM runs WHERE run_id = $1";

    /** Makes the runs known and gives each a new version; in ascending order, so that concurrent batches lock alike. */
    public Uni<Void> touch(SqlConnection transaction, Set<Long> runIds) {
        return transaction.preparedQuery(TOUCH).execute(Tuple.of(runIds.stream().sorted().toArray(Long[]::new))).replaceWithVoid();
    }

    public Uni<Void> delete(SqlConnection transaction, long runId) {
        return transaction.preparedQuery(DELETE).execute(Tuple.of(runId)).replaceWithVoid();
    }

    /** The run's version, or null when the run is unknown (never seen, or deleted). */
    public Uni<Long> version(long runId) {
        return Panache.withSession(() -> Run.<Run>findById(runId)).map(run -> run == null ? null : run.version);
    }
}
