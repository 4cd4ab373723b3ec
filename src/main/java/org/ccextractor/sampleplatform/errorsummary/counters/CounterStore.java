package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The counters in PostgreSQL: the ingest path adds a batch in one transaction, the summary path reads a
 * page of buckets and their total. Both go through the reactive client directly: they are the hot paths.
 */
@ApplicationScoped
public class CounterStore {

    private static final String INSERT_RUNS = """
            INSERT INTO runs (run_id) SELECT unnest($1::bigint[]) ON CONFLICT (run_id) DO NOTHING
            """;

    /*
     * One statement a batch: the counters are upserted from arrays, and the rows that were inserted
     * rather than updated (xmax = 0) raise their bucket totals.
     */
    private static final String UPSERT_COUNTERS = """
            WITH upserted AS (
                INSERT INTO counters AS c (run_id, dimension, scope, key, key_order, count, worst, first_seen, last_seen)
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::smallint[], $4::text[], $5::bigint[],
                                     $6::bigint[], $7::smallint[], $8::timestamptz[], $9::timestamptz[])
                ON CONFLICT (run_id, dimension, scope, key) DO UPDATE SET
                    count = c.count + excluded.count,
                    worst = greatest(c.worst, excluded.worst),
                    first_seen = least(c.first_seen, excluded.first_seen),
                    last_seen = greatest(c.last_seen, excluded.last_seen)
                RETURNING run_id, dimension, scope, xmax = 0 AS inserted
            )
            INSERT INTO bucket_totals AS t (run_id, dimension, scope, buckets)
            SELECT run_id, dimension, scope, count(*) FROM upserted WHERE inserted
            GROUP BY run_id, dimension, scope
            ON CONFLICT (run_id, dimension, scope) DO UPDATE SET buckets = t.buckets + excluded.buckets
            """;

    private static final String SELECT_TOTAL = """
            SELECT buckets FROM bucket_totals WHERE run_id = $1 AND dimension = $2 AND scope = $3
            """;

    private static final String SELECT_PAGE = """
            SELECT key, count, worst, first_seen, last_seen FROM counters
            WHERE run_id = $1 AND dimension = $2 AND scope = $3
            ORDER BY count DESC, key_order ASC NULLS LAST, key ASC
            LIMIT $4 OFFSET $5
            """;

    private final Pool pool;

    public CounterStore(Pool pool) {
        this.pool = pool;
    }

    /** Adds a batch to the counters atomically: either all of it counts or none of it. */
    public Uni<Void> add(CounterBatch batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> insertRuns(connection, batch)
                .chain(() -> upsertCounters(connection, batch)))
                .replaceWithVoid();
    }

    private static Uni<RowSet<Row>> insertRuns(SqlClient client, CounterBatch batch) {
        return client.preparedQuery(INSERT_RUNS).execute(Tuple.of(batch.runs().toArray(Long[]::new)));
    }

    private static Uni<RowSet<Row>> upsertCounters(SqlClient client, CounterBatch batch) {
        List<Map.Entry<CounterBatch.CounterKey, CounterBatch.Delta>> rows = batch.rowsInKeyOrder();
        if (rows.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        int n = rows.size();
        Long[] runIds = new Long[n];
        String[] dimensions = new String[n];
        Short[] scopes = new Short[n];
        String[] keys = new String[n];
        Long[] keyOrders = new Long[n];
        Long[] counts = new Long[n];
        Short[] worst = new Short[n];
        OffsetDateTime[] firstSeen = new OffsetDateTime[n];
        OffsetDateTime[] lastSeen = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            CounterBatch.CounterKey key = rows.get(i).getKey();
            CounterBatch.Delta delta = rows.get(i).getValue();
            runIds[i] = key.runId();
            dimensions[i] = key.dimension().wireName();
            scopes[i] = key.scope();
            keys[i] = key.key();
            keyOrders[i] = keyOrder(key.dimension(), key.key());
            counts[i] = delta.count;
            worst[i] = delta.worst.rank();
            firstSeen[i] = delta.firstSeen;
            lastSeen[i] = delta.lastSeen;
        }
        return client.preparedQuery(UPSERT_COUNTERS).execute(Tuple.tuple(List.of(
                runIds, dimensions, scopes, keys, keyOrders, counts, worst, firstSeen, lastSeen)));
    }

    /** See counters.key_order in the migration: ids sort numerically, "none" last. */
    private static Long keyOrder(Dimension dimension, String key) {
        if (Dimension.NONE.equals(key)) {
            return null;
        }
        return dimension.numeric() ? Long.parseLong(key) : 0L;
    }

    /** The number of buckets of a run's summary; 0 when the run has none (or is unknown). */
    public Uni<Long> bucketCount(long runId, Dimension dimension, Optional<Severity> severity) {
        return pool.preparedQuery(SELECT_TOTAL).execute(Tuple.of(runId, dimension.wireName(), scope(severity)))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    /** One page of buckets in summary order: count descending, then key ascending. */
    public Uni<List<Bucket>> page(long runId, Dimension dimension, Optional<Severity> severity, int limit, long offset) {
        return pool.preparedQuery(SELECT_PAGE)
                .execute(Tuple.of(runId, dimension.wireName(), scope(severity), limit, offset))
                .map(rows -> {
                    List<Bucket> buckets = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        buckets.add(new Bucket(dimension, row.getString(0), row.getLong(1),
                                Severity.ofRank(row.getShort(2)),
                                row.getOffsetDateTime(3).toInstant(), row.getOffsetDateTime(4).toInstant()));
                    }
                    return buckets;
                });
    }

    private static short scope(Optional<Severity> severity) {
        return severity.map(Severity::rank).orElse(CounterBatch.ALL_SEVERITIES);
    }
}
