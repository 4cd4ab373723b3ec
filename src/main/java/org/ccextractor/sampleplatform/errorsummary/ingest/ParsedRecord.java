package org.ccextractor.sampleplatform.errorsummary.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.quarkus.logging.Log;

import org.ccextractor.sampleplatform.errorsummary.counters.Partition;
import org.ccextractor.sampleplatform.errorsummary.ingest.InvalidEventException.Reason;

/** A consumed record once read: an event to count, or the reason it cannot be counted. */
sealed interface ParsedRecord permits ParsedRecord.Valid, ParsedRecord.Rejected {

    ConsumerRecord<byte[], byte[]> record();

    default Partition partition() {
        return new Partition(record().topic(), record().partition());
    }

    /**
     * Reads a record; never throws: what cannot be read is {@link Rejected}. Whatever else reading one value throws
     * is a defect of the parser (logged at ERROR), and still only that record's: it is dead-lettered as a schema
     * violation with the exception's words, never thrown into the channel, which would stop on it for good.
     */
    static ParsedRecord of(ConsumerRecord<byte[], byte[]> record, EventParser parser) {
        try {
            return new Valid(record, parser.parse(record.value()));
        } catch (InvalidEventException e) {
            return new Rejected(record, e);
        } catch (RuntimeException | StackOverflowError unexpected) {
            Log.errorf(unexpected, "Reading the record at %s-%d@%d failed unexpectedly; dead-lettering it", record.topic(),
                    record.partition(), record.offset());
            return new Rejected(record, new InvalidEventException(Reason.SCHEMA_VIOLATION,
                    "The value could not be read: " + unexpected));
        }
    }

    record Valid(ConsumerRecord<byte[], byte[]> record, ErrorEvent event) implements ParsedRecord {
    }

    record Rejected(ConsumerRecord<byte[], byte[]> record, InvalidEventException reason) implements ParsedRecord {
    }
}
