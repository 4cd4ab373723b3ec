package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Table counted_events: the error events counted so far, by run and event id, so that one sent again as a new
 * record counts once (V2); and the run_created and run_completed events applied so far (issue 18). A run's rows go with the run.
 */
@ApplicationScoped
public class CountedEvents {

    private static final String INSERT = """
            INSERT INTO counted_events (run_id, event_id) SELECT * FROM unnest($1::bigint[], $2::text[])
            ON CONFLICT (run_id, event_id) DO NOTHING
            RETURNING run_id, event_id
            """;

    private static final String DELETE_RUN = "DELETE FROM counted_events WHERE run_id = $1";

    /** Records the events as counted and returns those that were not counted before. */
    public Uni<Set<CountedEvent>> markCounted(SqlConnection transaction, List<CountedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return transaction.preparedQuery(INSERT).execute(Tuple.of(
                events.stream().map(CountedEvent::runId).toArray(Long[]::new),
                events.stream().map(CountedEvent::eventId).toArray(String[]::new)))
                .map(rows -> {
                    Set<CountedEvent> fresh = new HashSet<>();
                    for (Row row : rows) {
                        fresh.add(new CountedEvent(row.getLong(0), row.getString(1)));
                    }
                    return fresh;
                });
    }

    public Uni<Void> deleteRun(SqlConnection transaction, long runId) {
        return transaction.preparedQuery(DELETE_RUN).execute(Tuple.of(runId)).replaceWithVoid();
    }
}
