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

    /** Every run the batch counts in gets a new version: its ranked views are then stale (summary.RankedViews). */
    private static final String TOUCH_RUNS = """
            INSERT INTO runs (run_id) SELECT unnest($1::bigint[])
            ON CONFLICT (run_id) DO UPDATE SET version = nextval('run_versions')
            """;

    /**
     * One statement a batch: the buckets are upserted from arrays, per severity its count, first and last seen (the
     * columns follow {@link Severity}). No column it changes is indexed, so that an update is HOT.
     */
    static final String UPSERT_COUNTERS = upsertCounters();

    private static final String DELETE_RUN = """
            WITH counters_gone AS (DELETE FROM bucket_counters WHERE run_id = $1),
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

    /** Adds the batch's increments to the counters, makes its runs known and gives each a new version. */
    public Uni<Void> add(CounterBatch batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(TOUCH_RUNS).execute(Tuple.of(batch.runs().toArray(Long[]::new)))
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
        Long[][] counts = new Long[severities][n];
        OffsetDateTime[][] firstSeen = new OffsetDateTime[severities][n];
        OffsetDateTime[][] lastSeen = new OffsetDateTime[severities][n];
        for (int i = 0; i < n; i++) {
            CounterBatch.CounterKey key = rows.get(i).getKey();
            CounterBatch.Delta delta = rows.get(i).getValue();
            runIds[i] = key.runId();
            dimensions[i] = key.dimension().wireName();
            keys[i] = key.key();
            for (int s = 0; s < severities; s++) {
                counts[s][i] = delta.counts[s];
                firstSeen[s][i] = delta.firstSeen[s];
                lastSeen[s][i] = delta.lastSeen[s];
            }
        }
        List<Object> arrays = new ArrayList<>(List.of(runIds, dimensions, keys));
        for (int s = 0; s < severities; s++) {
            arrays.addAll(List.of(counts[s], firstSeen[s], lastSeen[s]));
        }
        return connection.preparedQuery(UPSERT_COUNTERS).execute(Tuple.tuple(arrays));
    }

    private static String upsertCounters() {
        List<String> columns = new ArrayList<>(List.of("run_id", "dimension", "key"));
        List<String> arrays = new ArrayList<>(List.of("$1::bigint[]", "$2::text[]", "$3::text[]"));
        List<String> updates = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            String count = severity.column("count");
            String first = severity.column("first_seen");
            String last = severity.column("last_seen");
            columns.addAll(List.of(count, first, last));
            int next = arrays.size() + 1;
            arrays.addAll(List.of("$" + next + "::bigint[]", "$" + (next + 1) + "::timestamptz[]", "$" + (next + 2) + "::timestamptz[]"));
            updates.add(count + " = c." + count + " + excluded." + count);
            updates.add(first + " = least(c." + first + ", excluded." + first + ")");
            updates.add(last + " = greatest(c." + last + ", excluded." + last + ")");
        }
        return "INSERT INTO bucket_counters AS c (" + String.join(", ", columns) + ")\n"
                + "SELECT * FROM unnest(" + String.join(", ", arrays) + ")\n"
                + "ON CONFLICT (run_id, dimension, key) DO UPDATE SET\n    " + String.join(",\n    ", updates);
    }

    /** Removes the run, its counters and its de-duplication state: its summary is 404 afterwards. */
    public Uni<Void> deleteRun(long runId) {
        return connection.preparedQuery(DELETE_RUN).execute(Tuple.of(runId)).replaceWithVoid();
    }
}
