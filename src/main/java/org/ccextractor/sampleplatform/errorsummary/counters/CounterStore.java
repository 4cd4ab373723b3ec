package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * The counters in PostgreSQL: the ingest path writes a batch in one transaction, the summary path reads a
 * page of buckets and their total. Both go through the reactive client directly: they are the hot paths.
 */
@ApplicationScoped
public class CounterStore {

    private static final String SELECT_OFFSETS = """
            SELECT o.topic, o.partition, o.next_offset FROM consumer_offsets o
            JOIN unnest($1::text[], $2::integer[]) AS p(topic, partition) USING (topic, partition)
            """;

    /**
     * A page and its total in one round trip: the total is one row of bucket_totals, the page one range
     * scan of the view's index (V4) in its final order. No row means the view has no buckets (or the run
     * is unknown). Parameters: run id, dimension, limit, offset.
     */
    private static final String SELECT_PAGE = """
            SELECT t.buckets, c.key, c.count, c.worst, c.first_seen, c.last_seen
            FROM bucket_totals t
            LEFT JOIN LATERAL (
                SELECT key, key_order, %1$scount AS count, %2$s AS worst, %1$sfirst_seen AS first_seen, %1$slast_seen AS last_seen
                FROM bucket_counters
                WHERE run_id = $1 AND dimension = $2%3$s
                ORDER BY %1$scount DESC, key_order ASC NULLS LAST, key ASC
                LIMIT $3 OFFSET $4
            ) c ON true
            WHERE t.run_id = $1 AND t.dimension = $2 AND t.scope = %4$d
            ORDER BY c.count DESC, c.key_order ASC NULLS LAST, c.key ASC
            """;

    /** In the all-severities view, a bucket's worst severity is the highest one it has events of. */
    private static final String WORST_OF_ALL = """
            CASE WHEN critical_count > 0 THEN 4 WHEN error_count > 0 THEN 3 WHEN warning_count > 0 THEN 2 ELSE 1 END""";

    private final Pool pool;
    private final Map<Optional<Severity>, String> pageQueries;


    public CounterStore(Pool pool) {
        this.pool = pool;
        this.pageQueries = new HashMap<>();
        pageQueries.put(Optional.empty(), pageQuery(Optional.empty()));
        for (Severity severity : Severity.values()) {
            pageQueries.put(Optional.of(severity), pageQuery(Optional.of(severity)));
        }
    }

    /**
     * The page query of one view, over the columns of its severity (or of all severities). Public so that
     * the benchmark can run the very same SQL through pgbench.
     */
    public static String pageQuery(Optional<Severity> severity) {
        return severity.map(s -> SELECT_PAGE.formatted(s.wireName() + "_", s.rank(), " AND " + s.wireName() + "_count > 0", s.rank()))
                .orElseGet(() -> SELECT_PAGE.formatted("", WORST_OF_ALL, "", CounterBatch.ALL_SEVERITIES));
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

    /**
     * One page of buckets in summary order (count descending, then key ascending) with the number of
     * buckets in all; empty when the view has no bucket at all.
     */
    public Uni<Optional<BucketPage>> page(long runId, Dimension dimension, Optional<Severity> severity, int limit, long offset) {
        return pool.preparedQuery(pageQueries.get(severity))
                .execute(Tuple.of(runId, dimension.wireName(), limit, offset))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    List<Bucket> buckets = new ArrayList<>(rows.size());
                    long total = 0;
                    for (Row row : rows) {
                        total = row.getLong(0);
                        if (row.getString(1) != null) {
                            buckets.add(new Bucket(dimension, row.getString(1), row.getLong(2),
                                    Severity.ofRank(row.getInteger(3)),
                                    row.getOffsetDateTime(4).toInstant(), row.getOffsetDateTime(5).toInstant()));
                        }
                    }
                    return Optional.of(new BucketPage(total, buckets));
                });
    }
}
