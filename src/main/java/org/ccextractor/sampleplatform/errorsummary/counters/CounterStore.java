package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The counters in PostgreSQL: the ingest path writes a batch in one transaction, the summary path reads every
 * bucket of a view when its run has changed. Both go through the reactive client directly: they are the hot paths.
 */
@ApplicationScoped
public class CounterStore {

    private static final String SELECT_OFFSETS = """
            SELECT o.topic, o.partition, o.next_offset FROM consumer_offsets o
            JOIN unnest($1::text[], $2::integer[]) AS p(topic, partition) USING (topic, partition)
            """;

    /**
     * The run's version and every bucket of one of its dimensions, in one statement and so one snapshot: a primary-key
     * lookup and a primary-key range scan. No row: the run is unknown. Parameters: run id, dimension.
     */
    static final String SELECT_VIEW = selectView();

    private final Pool pool;

    public CounterStore(Pool pool) {
        this.pool = pool;
    }

    /** Runs {@code work} in one transaction: it commits when the returned Uni succeeds, else rolls back. */
    public <T> Uni<T> inTransaction(Function<CounterTransaction, Uni<T>> work) {
        return pool.withTransaction(connection -> work.apply(new CounterTransaction(connection)));
    }

    /**
     * Runs {@code work} in a transaction that is rolled back whatever happens: whether it would succeed, without
     * writing anything. Fails as {@code work} fails.
     */
    public Uni<Void> trial(Function<CounterTransaction, Uni<?>> work) {
        return pool.withConnection(connection -> connection.begin().chain(transaction ->
                work.apply(new CounterTransaction(connection))
                        .onItemOrFailure().call((done, failure) -> transaction.rollback())
                        .replaceWithVoid()));
    }

    /** The stored next offsets of those partitions that have one. */
    public Uni<Map<Partition, Long>> nextOffsets(Collection<Partition> partitions) {
        return pool.preparedQuery(SELECT_OFFSETS).execute(Tuple.of(
                partitions.stream().map(Partition::topic).toArray(String[]::new),
                partitions.stream().map(Partition::partition).toArray(Integer[]::new)))
                .map(CounterTransaction::offsets);
    }

    /** The run's version and every bucket of its {@code dimension} as stored; empty when the run is unknown. */
    public Uni<Optional<StoredView>> view(long runId, Dimension dimension) {
        return pool.preparedQuery(SELECT_VIEW).execute(Tuple.of(runId, dimension.wireName())).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            int severities = Severity.values().length;
            long version = 0;
            List<StoredView.Row> buckets = new ArrayList<>(rows.size());
            for (Row row : rows) {
                version = row.getLong(0);
                if (row.getString(1) == null) {
                    continue; // a known run without buckets in this dimension
                }
                long[] counts = new long[severities];
                long[] first = new long[severities];
                long[] last = new long[severities];
                for (int s = 0; s < severities; s++) {
                    counts[s] = row.getLong(2 + 3 * s);
                    first[s] = millis(row.getOffsetDateTime(3 + 3 * s));
                    last[s] = millis(row.getOffsetDateTime(4 + 3 * s));
                }
                buckets.add(new StoredView.Row(row.getString(1), counts, first, last));
            }
            return Optional.of(new StoredView(version, buckets));
        });
    }

    /** Epoch milliseconds, rounded down (the contract serves times to the millisecond); 0 for none. */
    private static long millis(OffsetDateTime time) {
        return time == null ? 0 : time.toInstant().toEpochMilli();
    }

    private static String selectView() {
        StringBuilder columns = new StringBuilder("r.version, c.key");
        for (Severity severity : Severity.values()) {
            for (String figure : List.of("count", "first_seen", "last_seen")) {
                columns.append(", c.").append(severity.column(figure));
            }
        }
        return "SELECT " + columns + "\nFROM runs r LEFT JOIN bucket_counters c ON c.run_id = r.run_id AND c.dimension = $2\n"
                + "WHERE r.run_id = $1";
    }
}
