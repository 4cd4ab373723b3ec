package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Table bucket_counters: one row per run, dimension and key with each severity's count, first and last seen, by
 * primary key only (V5). Written a batch at a time; read a whole view at a time, for summary.RankedViews to rank.
 * The columns follow {@link Severity}: the SQL is made from it.
 */
@ApplicationScoped
public class BucketCounters {

    /**
     * One statement a batch: the buckets are upserted from arrays, in primary-key order so that concurrent batches
     * lock them in the same order. No column it changes is indexed, so that an update is HOT.
     */
    static final String UPSERT = upsert();

    /** The columns of the run's own row in {@link #SELECT_VIEW}, in the order {@link #view} reads them. */
    private static final List<String> RUN_COLUMNS = List.of("r.version", "r.branch", "r.platform", "r.commit",
            "r.base_commit", "r.tests_expected", "r.tests_run", "r.complete");

    /**
     * The run's version and metadata and every bucket of one of its dimensions, in one statement and so one snapshot:
     * a primary-key lookup and a primary-key range scan. No run row: the run is unknown. Parameters: run id, dimension.
     */
    static final String SELECT_VIEW = selectView();

    /**
     * The stored output_hash_sum plus the batch's, modulo 2^64 as a signed bigint (V8), as Java's long addition
     * wraps: PostgreSQL's bigint addition fails on overflow instead, so the sum is taken in numeric, moved into
     * [0, 2^64) (the extra 2^64 keeps the dividend positive, as numeric's % takes the dividend's sign) and back.
     * Most buckets of a batch carry no output hash: those keep their sum without numeric arithmetic.
     */
    static final String WRAPPING_SUM = """
            CASE WHEN excluded.output_hash_sum = 0 THEN c.output_hash_sum
                 ELSE ((c.output_hash_sum::numeric + excluded.output_hash_sum + 27670116110564327424)
                       % 18446744073709551616 - 9223372036854775808)::bigint END""";

    private static final String DELETE_RUN = "DELETE FROM bucket_counters WHERE run_id = $1";

    private final Pool pool;

    public BucketCounters(Pool pool) {
        this.pool = pool;
    }

    /** Adds the batch's increments. */
    public Uni<Void> add(SqlConnection transaction, CounterBatch batch) {
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
        Long[] outputHashCounts = new Long[n];
        Long[] outputHashSums = new Long[n];
        for (int i = 0; i < n; i++) {
            CounterBatch.CounterKey key = rows.get(i).getKey();
            CounterBatch.Delta delta = rows.get(i).getValue();
            runIds[i] = key.runId();
            dimensions[i] = key.dimension().wireName();
            keys[i] = key.key();
            outputHashCounts[i] = delta.outputHashCount;
            outputHashSums[i] = delta.outputHashSum;
            for (int s = 0; s < severities; s++) {
                counts[s][i] = delta.counts[s];
                firstSeen[s][i] = microsecond(delta.firstSeen[s]);
                lastSeen[s][i] = microsecond(delta.lastSeen[s]);
            }
        }
        List<Object> arrays = new ArrayList<>(List.of(runIds, dimensions, keys));
        for (int s = 0; s < severities; s++) {
            arrays.addAll(List.of(counts[s], firstSeen[s], lastSeen[s]));
        }
        arrays.addAll(List.of(outputHashCounts, outputHashSums));
        return transaction.preparedQuery(UPSERT).execute(Tuple.tuple(arrays)).replaceWithVoid();
    }

    /**
     * The microsecond {@code time} is in (rounded toward the past), null for none: what a timestamptz keeps. The
     * Vert.x client, left to drop the nanoseconds itself, truncates toward 2000-01-01 (PostgreSQL's epoch), which
     * rounds an earlier time up, 1999-12-31T23:59:59.9999999Z to 2000.
     */
    static OffsetDateTime microsecond(OffsetDateTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    private static String upsert() {
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
        int next = arrays.size() + 1;
        columns.addAll(List.of("output_hash_count", "output_hash_sum"));
        arrays.addAll(List.of("$" + next + "::bigint[]", "$" + (next + 1) + "::bigint[]"));
        updates.add("output_hash_count = c.output_hash_count + excluded.output_hash_count");
        updates.add("output_hash_sum = " + WRAPPING_SUM);
        return "INSERT INTO bucket_counters AS c (" + String.join(", ", columns) + ")\n"
                + "SELECT * FROM unnest(" + String.join(", ", arrays) + ")\n"
                + "ON CONFLICT (run_id, dimension, key) DO UPDATE SET\n    " + String.join(",\n    ", updates);
    }

    public Uni<Void> deleteRun(SqlConnection transaction, long runId) {
        return transaction.preparedQuery(DELETE_RUN).execute(Tuple.of(runId)).replaceWithVoid();
    }

    /** The run's version, metadata and every bucket of its {@code dimension} as stored; empty when the run is unknown. */
    public Uni<Optional<StoredView>> view(long runId, Dimension dimension) {
        return pool.preparedQuery(SELECT_VIEW).execute(Tuple.of(runId, dimension.wireName())).map(rows -> {
            int severities = Severity.values().length;
            Row run = null;
            List<StoredView.Row> buckets = new ArrayList<>(rows.size());
            for (Row row : rows) {
                if (row.getString(RUN_COLUMNS.size()) == null) {
                    run = row; // the one row of the run itself: no bucket has a null key
                    continue;
                }
                long[] counts = new long[severities];
                long[] first = new long[severities];
                long[] last = new long[severities];
                int column = RUN_COLUMNS.size() + 1;
                for (int s = 0; s < severities; s++, column += 3) {
                    counts[s] = row.getLong(column);
                    first[s] = millis(row.getOffsetDateTime(column + 1));
                    last[s] = millis(row.getOffsetDateTime(column + 2));
                }
                buckets.add(new StoredView.Row(row.getString(RUN_COLUMNS.size()), counts, first, last, row.getLong(column),
                        row.getLong(column + 1)));
            }
            if (run == null) {
                return Optional.empty();
            }
            RunMetadata metadata = new RunMetadata(run.getString(1), run.getString(2), run.getString(3), run.getString(4),
                    run.getInteger(5), run.getInteger(6));
            return Optional.of(new StoredView(run.getLong(0), metadata, run.getBoolean(7), buckets));
        });
    }

    /** Epoch milliseconds, rounded down (the contract serves times to the millisecond); 0 for none. */
    private static long millis(OffsetDateTime time) {
        return time == null ? 0 : time.toInstant().toEpochMilli();
    }

    /**
     * The run's own row and its buckets of the dimension, each with NULL in the other's columns: the run's figures
     * once, not on every bucket row.
     */
    private static String selectView() {
        List<String> buckets = new ArrayList<>(List.of("c.key"));
        for (Severity severity : Severity.values()) {
            for (String figure : List.of("count", "first_seen", "last_seen")) {
                buckets.add("c." + severity.column(figure));
            }
        }
        buckets.addAll(List.of("c.output_hash_count", "c.output_hash_sum"));
        return "SELECT " + String.join(", ", RUN_COLUMNS) + ", " + nulls(buckets.size()) + "\nFROM runs r WHERE r.run_id = $1\n"
                + "UNION ALL\n"
                + "SELECT " + nulls(RUN_COLUMNS.size()) + ", " + String.join(", ", buckets) + "\n"
                + "FROM bucket_counters c WHERE c.run_id = $1 AND c.dimension = $2";
    }

    private static String nulls(int n) {
        return String.join(", ", Collections.nCopies(n, "NULL"));
    }
}
