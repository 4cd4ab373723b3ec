package org.ccextractor.sampleplatform.errorsummary.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.ccextractor.sampleplatform.errorsummary.counters.Partition;

/** A consumed record once read: an event to count, or the reason it cannot be counted. */
sealed interface ParsedRecord permits ParsedRecord.Valid, ParsedRecord.Rejected {

    ConsumerRecord<byte[], byte[]> record();

    default Partition partition() {
        return new Partition(record().topic(), record().partition());
    }

    /** Reads a record; never throws: what cannot be read is {@link Rejected}. */
    static ParsedRecord of(ConsumerRecord<byte[], byte[]> record, EventParser parser) {
        try {
            return new Valid(record, parser.parse(record.value()));
        } catch (InvalidEventException e) {
            return new Rejected(record, e);
        }
    }

    record Valid(ConsumerRecord<byte[], byte[]> record, ErrorEvent event) implements ParsedRecord {
    }

    record Rejected(ConsumerRecord<byte[], byte[]> record, InvalidEventException reason) implements ParsedRecord {
    }
}
