package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Table consumer_offsets: the next Kafka offset to apply of each partition, written in the transaction of the
 * counters it produced, so that the counters and the position in the topic never disagree (V2).
 */
@ApplicationScoped
public class ConsumerOffsets {

    private static final String SELECT = """
            SELECT o.topic, o.partition, o.next_offset FROM consumer_offsets o
            JOIN unnest($1::text[], $2::integer[]) AS p(topic, partition) USING (topic, partition)
            ORDER BY o.topic, o.partition
            """;

    private static final String INSERT_MISSING = """
            INSERT INTO consumer_offsets (topic, partition, next_offset)
            SELECT topic, partition, 0 FROM unnest($1::text[], $2::integer[]) AS p(topic, partition)
            ON CONFLICT (topic, partition) DO NOTHING
            """;

    /** Row locks make a second consumer of the same partitions (a zombie after a rebalance) wait, then see what this one wrote. */
    private static final String LOCK = SELECT + "FOR UPDATE OF o\n";

    /**
     * Never backwards: a batch that a consumer still held after its partitions went to another one (a zombie) skips
     * every record the other one applied, and must not then move the offset back to its own end.
     */
    private static final String SAVE = """
            UPDATE consumer_offsets o SET next_offset = greatest(o.next_offset, p.next_offset)
            FROM unnest($1::text[], $2::integer[], $3::bigint[]) AS p(topic, partition, next_offset)
            WHERE o.topic = p.topic AND o.partition = p.partition
            """;

    private static final String READ = """
            SELECT o.topic, o.partition, o.next_offset, o.topic_id FROM consumer_offsets o
            JOIN unnest($1::text[], $2::integer[]) AS p(topic, partition) USING (topic, partition)
            """;

    /** Sets the position outright: the log changed under it (a topic created again, records lost by the broker). */
    private static final String RESET = """
            INSERT INTO consumer_offsets (topic, partition, next_offset, topic_id)
            SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::uuid[])
            ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset, topic_id = excluded.topic_id
            """;

    /** A partition's topic id where none is stored (a new row starts at 0); the position stays as it is. */
    private static final String ADOPT = """
            INSERT INTO consumer_offsets (topic, partition, next_offset, topic_id)
            SELECT topic, partition, 0, topic_id FROM unnest($1::text[], $2::integer[], $3::uuid[]) AS p(topic, partition, topic_id)
            ON CONFLICT (topic, partition) DO UPDATE SET topic_id = excluded.topic_id WHERE consumer_offsets.topic_id IS NULL
            """;

    /** The stored positions of those partitions that have one. */
    public Uni<Map<Partition, StoredOffset>> read(SqlClient client, Collection<Partition> partitions) {
        return client.preparedQuery(READ).execute(partitions(List.copyOf(partitions))).map(rows -> {
            Map<Partition, StoredOffset> stored = new HashMap<>();
            for (Row row : rows) {
                stored.put(new Partition(row.getString(0), row.getInteger(1)), new StoredOffset(row.getLong(2), row.getUUID(3)));
            }
            return stored;
        });
    }

    /** Stores each partition's topic id where none is stored yet, keeping its position (0 for a new row). */
    public Uni<Void> adopt(SqlClient client, Map<Partition, UUID> topicIds) {
        List<Partition> partitions = List.copyOf(topicIds.keySet());
        return client.preparedQuery(ADOPT)
                .execute(partitions(partitions).addValue(partitions.stream().map(topicIds::get).toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /** Stores these positions as they are, whatever was stored before (unlike a batch's {@link #save}). */
    public Uni<Void> reset(SqlClient client, Map<Partition, StoredOffset> positions) {
        List<Partition> partitions = List.copyOf(positions.keySet());
        return client.preparedQuery(RESET).execute(partitions(partitions)
                        .addValue(partitions.stream().map(p -> positions.get(p).nextOffset()).toArray(Long[]::new))
                        .addValue(partitions.stream().map(p -> positions.get(p).topicId()).toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /** The next offset to apply of each partition (0 for one never seen), locked until the transaction ends. */
    public Uni<Map<Partition, Long>> lock(SqlConnection transaction, Collection<Partition> partitions) {
        Tuple arrays = partitions(List.copyOf(partitions));
        return transaction.preparedQuery(INSERT_MISSING).execute(arrays)
                .chain(() -> transaction.preparedQuery(LOCK).execute(arrays))
                .map(ConsumerOffsets::offsets);
    }

    public Uni<Void> save(SqlConnection transaction, Map<Partition, Long> nextOffsets) {
        List<Partition> partitions = List.copyOf(nextOffsets.keySet());
        return transaction.preparedQuery(SAVE)
                .execute(partitions(partitions).addValue(partitions.stream().map(nextOffsets::get).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** The partitions as the arrays of topics and partition numbers that the statements take first. */
    private static Tuple partitions(List<Partition> partitions) {
        return Tuple.of(partitions.stream().map(Partition::topic).toArray(String[]::new),
                partitions.stream().map(Partition::partition).toArray(Integer[]::new));
    }

    private static Map<Partition, Long> offsets(RowSet<Row> rows) {
        Map<Partition, Long> next = new HashMap<>();
        for (Row row : rows) {
            next.put(new Partition(row.getString(0), row.getInteger(1)), row.getLong(2));
        }
        return next;
    }
}
