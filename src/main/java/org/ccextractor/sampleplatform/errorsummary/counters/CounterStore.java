package org.ccextractor.sampleplatform.errorsummary.counters;

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
 * The counters in PostgreSQL: the ingest path writes a batch in one transaction, the summary path reads a
 * page of buckets and their total. Both go through the reactive client directly: they are the hot paths.
 */
@ApplicationScoped
public class CounterStore {

    private static final String SELECT_OFFSETS = """
            SELECT o.topic, o.partition, o.next_offset FROM consumer_offsets o
            JOIN unnest($1::text[], $2::integer[]) AS p(topic, partition) USING (topic, partition)
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

    /** Runs {@code work} in one transaction: it commits when the returned Uni succeeds, else rolls back. */
    public <T> Uni<T> inTransaction(Function<CounterTransaction, Uni<T>> work) {
        return pool.withTransaction(connection -> work.apply(new CounterTransaction(connection)));
    }

    /** The stored next offsets of those partitions that have one. */
    public Uni<Map<Partition, Long>> nextOffsets(Collection<Partition> partitions) {
        return pool.preparedQuery(SELECT_OFFSETS).execute(Tuple.of(
                partitions.stream().map(Partition::topic).toArray(String[]::new),
                partitions.stream().map(Partition::partition).toArray(Integer[]::new)))
                .map(CounterTransaction::offsets);
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
