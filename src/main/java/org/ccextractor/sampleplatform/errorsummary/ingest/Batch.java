package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.ccextractor.sampleplatform.errorsummary.counters.CounterBatch;
import org.ccextractor.sampleplatform.errorsummary.counters.Partition;

/**
 * One poll's records, read, in the order they were consumed (each partition's in offset order), and the dead letters
 * of them that the dead-letter topic has acknowledged: a batch that is retried sends none of them twice.
 */
final class Batch {

    private final List<ParsedRecord> records;
    private final int eventCount;
    /** The increments of all events, when no deletion is among them. */
    private final CounterBatch ifAllCounted;
    /** The offset after the last record of each partition: where the next batch starts. */
    private final Map<Partition, Long> nextOffsets = new HashMap<>();
    private final Set<ConsumerRecord<byte[], byte[]>> deadLettered = ConcurrentHashMap.newKeySet();

    Batch(List<ParsedRecord> records) {
        this.records = List.copyOf(records);
        records.forEach(p -> nextOffsets.merge(p.partition(), p.record().offset() + 1, Math::max));
        List<ErrorEvent> events = records.stream().filter(ParsedRecord.Valid.class::isInstance).map(p -> ((ParsedRecord.Valid) p).event()).toList();
        this.eventCount = events.size();
        this.ifAllCounted = events.stream().anyMatch(e -> e.kind() == ErrorEvent.Kind.RUN_DELETED) ? null : aggregateOrNull(events);
    }

    /**
     * Reads the poll and aggregates its counter increments as if every event counted: most batches are
     * all new events, and this work then runs while the batch before commits (ErrorEventConsumer).
     */
    static Batch read(ConsumerRecords<byte[], byte[]> polled, EventParser parser) {
        List<ParsedRecord> records = new ArrayList<>(polled.count());
        polled.forEach(record -> records.add(ParsedRecord.of(record, parser)));
        return new Batch(records);
    }

    /**
     * The increments of {@code counted} if they are all of this batch's events (none applied before or refused, no
     * deletion among them): then aggregated already; else aggregated now. {@code counted} is always a subsequence of
     * the batch's events, in order, so the same size means the same events.
     */
    CounterBatch aggregate(List<ErrorEvent> counted) {
        return ifAllCounted != null && counted.size() == eventCount ? ifAllCounted : aggregateOf(counted);
    }

    /**
     * Null when aggregating fails, which would be a defect: then the batch is aggregated again where it is applied,
     * whose failures are isolated record by record (EventBatchHandler), rather than here, where one would stop the channel.
     */
    private static CounterBatch aggregateOrNull(List<ErrorEvent> events) {
        try {
            return aggregateOf(events);
        } catch (RuntimeException defect) {
            return null;
        }
    }

    static CounterBatch aggregateOf(List<ErrorEvent> counted) {
        CounterBatch batch = new CounterBatch();
        counted.forEach(event -> event.countInto(batch));
        return batch;
    }

    List<ParsedRecord> records() {
        return records;
    }

    int size() {
        return records.size();
    }

    /** The offset after the last record of each partition: where the next batch starts. */
    Map<Partition, Long> nextOffsets() {
        return Collections.unmodifiableMap(nextOffsets);
    }

    boolean deadLettered(ConsumerRecord<byte[], byte[]> record) {
        return deadLettered.contains(record);
    }

    void markDeadLettered(ConsumerRecord<byte[], byte[]> record) {
        deadLettered.add(record);
    }

    @Override
    public String toString() {
        return records.size() + " records of " + nextOffsets.keySet();
    }
}
