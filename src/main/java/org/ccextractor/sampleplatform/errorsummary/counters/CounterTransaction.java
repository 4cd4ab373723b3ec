package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The writes of one ingest batch, all in one PostgreSQL transaction (see {@link CounterStore#inTransaction}):
 * the consumed offsets, the de-duplication ids, the counters and run deletions commit together or not at all.
 */
public final class CounterTransaction {

    private static final String INSERT_MISSING_OFFSETS = """
            INSERT INTO consumer_offsets (topic, partition, next_offset)
            SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[])
            ON CONFLICT (topic, partition) DO NOTHING
            """;

    /* Row locks make a second consumer of the same partitions (a zombie after a rebalance) wait, then see what this one wrote. */
    private static final String LOCK_OFFSETS = """
            SELECT o.topic, o.partition, o.next_offset FROM consumer_offsets o
            JOIN unnest($1::text[], $2::integer[]) AS p(topic, partition) USING (topic, partition)
            ORDER BY o.topic, o.partition
            FOR UPDATE OF o
            """;

    private static final String SAVE_OFFSETS = """
            UPDATE consumer_offsets o SET next_offset = p.next_offset
            FROM unnest($1::text[], $2::integer[], $3::bigint[]) AS p(topic, partition, next_offset)
            WHERE o.topic = p.topic AND o.partition = p.partition
            """;

    private static final String INSERT_COUNTED = """
            INSERT INTO counted_events (run_id, event_id) SELECT * FROM unnest($1::bigint[], $2::text[])
            ON CONFLICT (run_id, event_id) DO NOTHING
            RETURNING run_id, event_id
            """;

    private static final String INSERT_RUNS = """
            INSERT INTO runs (run_id) SELECT unnest($1::bigint[]) ON CONFLICT (run_id) DO NOTHING
            """;

    /*
     * One statement a batch: the buckets are upserted from arrays (per severity: count, first and last seen),
     * and every bucket that a view did not have before raises that view's total: a row that was inserted
     * for the all-severities view, a severity whose count now equals the batch's increment for that
     * severity's view. Totals are written in key order too, so that two consumers' batches never deadlock.
     */
    private static final String UPSERT_COUNTERS = """
            WITH batch AS (
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[],
                                     $5::bigint[], $6::timestamptz[], $7::timestamptz[],
                                     $8::bigint[], $9::timestamptz[], $10::timestamptz[],
                                     $11::bigint[], $12::timestamptz[], $13::timestamptz[],
                                     $14::bigint[], $15::timestamptz[], $16::timestamptz[])
                    AS b(run_id, dimension, key, key_order,
                         info_count, info_first_seen, info_last_seen,
                         warning_count, warning_first_seen, warning_last_seen,
                         error_count, error_first_seen, error_last_seen,
                         critical_count, critical_first_seen, critical_last_seen)
            ),
            upserted AS (
                INSERT INTO bucket_counters AS c
                SELECT run_id, dimension, key, key_order,
                       info_count + warning_count + error_count + critical_count,
                       least(info_first_seen, warning_first_seen, error_first_seen, critical_first_seen),
                       greatest(info_last_seen, warning_last_seen, error_last_seen, critical_last_seen),
                       info_count, info_first_seen, info_last_seen,
                       warning_count, warning_first_seen, warning_last_seen,
                       error_count, error_first_seen, error_last_seen,
                       critical_count, critical_first_seen, critical_last_seen
                FROM batch
                ON CONFLICT (run_id, dimension, key) DO UPDATE SET
                    count = c.count + excluded.count,
                    first_seen = least(c.first_seen, excluded.first_seen),
                    last_seen = greatest(c.last_seen, excluded.last_seen),
                    info_count = c.info_count + excluded.info_count,
                    info_first_seen = least(c.info_first_seen, excluded.info_first_seen),
                    info_last_seen = greatest(c.info_last_seen, excluded.info_last_seen),
                    warning_count = c.warning_count + excluded.warning_count,
                    warning_first_seen = least(c.warning_first_seen, excluded.warning_first_seen),
                    warning_last_seen = greatest(c.warning_last_seen, excluded.warning_last_seen),
                    error_count = c.error_count + excluded.error_count,
                    error_first_seen = least(c.error_first_seen, excluded.error_first_seen),
                    error_last_seen = greatest(c.error_last_seen, excluded.error_last_seen),
                    critical_count = c.critical_count + excluded.critical_count,
                    critical_first_seen = least(c.critical_first_seen, excluded.critical_first_seen),
                    critical_last_seen = greatest(c.critical_last_seen, excluded.critical_last_seen)
                RETURNING run_id, dimension, key, xmax = 0 AS inserted, info_count, warning_count, error_count, critical_count
            )
            INSERT INTO bucket_totals AS t (run_id, dimension, scope, buckets)
            SELECT u.run_id, u.dimension, v.scope, count(*)
            FROM upserted u
            JOIN batch b USING (run_id, dimension, key)
            CROSS JOIN LATERAL (VALUES
                (0, u.inserted),
                (1, b.info_count > 0 AND u.info_count = b.info_count),
                (2, b.warning_count > 0 AND u.warning_count = b.warning_count),
                (3, b.error_count > 0 AND u.error_count = b.error_count),
                (4, b.critical_count > 0 AND u.critical_count = b.critical_count)
            ) AS v(scope, new_bucket)
            WHERE v.new_bucket
            GROUP BY u.run_id, u.dimension, v.scope
            ORDER BY u.run_id, u.dimension, v.scope
            ON CONFLICT (run_id, dimension, scope) DO UPDATE SET buckets = t.buckets + excluded.buckets
            """;

    private static final String DELETE_RUN = """
            WITH counters_gone AS (DELETE FROM bucket_counters WHERE run_id = $1),
                 totals_gone AS (DELETE FROM bucket_totals WHERE run_id = $1),
                 events_gone AS (DELETE FROM counted_events WHERE run_id = $1)
            DELETE FROM runs WHERE run_id = $1
            """;

    private final SqlConnection connection;

    CounterTransaction(SqlConnection connection) {
        this.connection = connection;
    }

    /** The next offset to apply of each partition (0 for one never seen), locked until this transaction ends. */
    public Uni<Map<Partition, Long>> lockNextOffsets(Collection<Partition> partitions) {
        String[] topics = partitions.stream().map(Partition::topic).toArray(String[]::new);
        Integer[] numbers = partitions.stream().map(Partition::partition).toArray(Integer[]::new);
        Long[] zeros = partitions.stream().map(p -> 0L).toArray(Long[]::new);
        return connection.preparedQuery(INSERT_MISSING_OFFSETS).execute(Tuple.of(topics, numbers, zeros))
                .chain(() -> connection.preparedQuery(LOCK_OFFSETS).execute(Tuple.of(topics, numbers)))
                .map(CounterTransaction::offsets);
    }

    /** Rows of (topic, partition, next_offset) as a map. */
    static Map<Partition, Long> offsets(RowSet<Row> rows) {
        Map<Partition, Long> next = new HashMap<>();
        for (Row row : rows) {
            next.put(new Partition(row.getString(0), row.getInteger(1)), row.getLong(2));
        }
        return next;
    }

    public Uni<Void> saveNextOffsets(Map<Partition, Long> nextOffsets) {
        List<Map.Entry<Partition, Long>> entries = List.copyOf(nextOffsets.entrySet());
        return connection.preparedQuery(SAVE_OFFSETS).execute(Tuple.of(
                entries.stream().map(e -> e.getKey().topic()).toArray(String[]::new),
                entries.stream().map(e -> e.getKey().partition()).toArray(Integer[]::new),
                entries.stream().map(Map.Entry::getValue).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** Records the events as counted and returns those that were not counted before. */
    public Uni<Set<CountedEvent>> markCounted(List<CountedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return connection.preparedQuery(INSERT_COUNTED).execute(Tuple.of(
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

    /** Adds the batch's increments to the counters and makes its runs known. */
    public Uni<Void> add(CounterBatch batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(INSERT_RUNS).execute(Tuple.of(batch.runs().toArray(Long[]::new)))
                .chain(() -> upsertCounters(batch))
                .replaceWithVoid();
    }

    private Uni<?> upsertCounters(CounterBatch batch) {
        List<Map.Entry<CounterBatch.CounterKey, CounterBatch.Delta>> rows = batch.rowsInKeyOrder();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        int severities = Severity.values().length;
        Long[] runIds = new Long[n];
        String[] dimensions = new String[n];
        String[] keys = new String[n];
        Long[] keyOrders = new Long[n];
        Long[][] counts = new Long[severities][n];
        OffsetDateTime[][] firstSeen = new OffsetDateTime[severities][n];
        OffsetDateTime[][] lastSeen = new OffsetDateTime[severities][n];
        for (int i = 0; i < n; i++) {
            CounterBatch.CounterKey key = rows.get(i).getKey();
            CounterBatch.Delta delta = rows.get(i).getValue();
            runIds[i] = key.runId();
            dimensions[i] = key.dimension().wireName();
            keys[i] = key.key();
            keyOrders[i] = keyOrder(key.dimension(), key.key());
            for (int s = 0; s < severities; s++) {
                counts[s][i] = delta.counts[s];
                firstSeen[s][i] = delta.firstSeen[s];
                lastSeen[s][i] = delta.lastSeen[s];
            }
        }
        List<Object> arrays = new ArrayList<>(List.of(runIds, dimensions, keys, keyOrders));
        for (int s = 0; s < severities; s++) {
            arrays.addAll(List.of(counts[s], firstSeen[s], lastSeen[s]));
        }
        return connection.preparedQuery(UPSERT_COUNTERS).execute(Tuple.tuple(arrays));
    }

    /** See key_order in the migrations (V1, V4): ids sort numerically, "none" last. */
    private static Long keyOrder(Dimension dimension, String key) {
        if (Dimension.NONE.equals(key)) {
            return null;
        }
        return dimension.numeric() ? Long.parseLong(key) : 0L;
    }

    /** Removes the run, its counters and its de-duplication state: its summary is 404 afterwards. */
    public Uni<Void> deleteRun(long runId) {
        return connection.preparedQuery(DELETE_RUN).execute(Tuple.of(runId)).replaceWithVoid();
    }
}
