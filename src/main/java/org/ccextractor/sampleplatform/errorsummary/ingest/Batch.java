package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.ccextractor.sampleplatform.errorsummary.counters.Partition;

/**
 * One poll's records, read, in the order they were consumed (each partition's in offset order), and the dead letters
 * of them that the dead-letter topic has acknowledged: a batch that is retried sends none of them twice.
 */
final class Batch {

    private final List<ParsedRecord> records;
    private final Set<ConsumerRecord<byte[], byte[]>> deadLettered = ConcurrentHashMap.newKeySet();

    Batch(List<ParsedRecord> records) {
        this.records = List.copyOf(records);
    }

    static Batch read(ConsumerRecords<byte[], byte[]> polled, EventParser parser) {
        List<ParsedRecord> records = new ArrayList<>(polled.count());
        polled.forEach(record -> records.add(ParsedRecord.of(record, parser)));
        return new Batch(records);
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
