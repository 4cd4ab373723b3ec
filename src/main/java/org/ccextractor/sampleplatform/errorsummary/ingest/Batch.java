package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.util.ArrayList;
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
    private final List<ErrorEvent> events;
    /** The increments of all events, when no deletion is among them. */
    private final CounterBatch ifAllCounted;
    private final Set<ConsumerRecord<byte[], byte[]>> deadLettered = ConcurrentHashMap.newKeySet();

    Batch(List<ParsedRecord> records) {
        this.records = List.copyOf(records);
        this.events = records.stream().filter(ParsedRecord.Valid.class::isInstance).map(p -> ((ParsedRecord.Valid) p).event()).toList();
        this.ifAllCounted = events.stream().anyMatch(e -> e.kind() == ErrorEvent.Kind.RUN_DELETED) ? null : aggregateOf(events);
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

    /** Every valid event, in order. */
    List<ErrorEvent> events() {
        return events;
    }

    /**
     * The increments of {@code counted} if they are all of this batch's events (none applied before or refused, no
     * deletion among them): then aggregated already; else aggregated now.
     */
    CounterBatch aggregate(List<ErrorEvent> counted) {
        return ifAllCounted != null && counted.size() == events.size() ? ifAllCounted : aggregateOf(counted);
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
        Map<Partition, Long> next = new HashMap<>();
        records.forEach(p -> next.merge(p.partition(), p.record().offset() + 1, Math::max));
        return next;
    }

    boolean deadLettered(ConsumerRecord<byte[], byte[]> record) {
        return deadLettered.contains(record);
    }

    void markDeadLettered(ConsumerRecord<byte[], byte[]> record) {
        deadLettered.add(record);
    }

    @Override
    public String toString() {
        return records.size() + " records of " + nextOffsets().keySet();
    }
}
