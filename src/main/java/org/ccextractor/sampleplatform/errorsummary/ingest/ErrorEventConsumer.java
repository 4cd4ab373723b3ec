package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import org.ccextractor.sampleplatform.errorsummary.counters.CounterBatch;
import org.ccextractor.sampleplatform.errorsummary.counters.CounterStore;

/**
 * Consumes the error-events topic in batches: each poll is parsed, aggregated in memory and added to
 * the counters in one transaction; the batch is acknowledged once the transaction has committed.
 */
@ApplicationScoped
public class ErrorEventConsumer {

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final EventParser parser;
    private final CounterStore counters;

    public ErrorEventConsumer(EventParser parser, CounterStore counters) {
        this.parser = parser;
        this.counters = counters;
    }

    @Incoming("error-events")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        CounterBatch batch = new CounterBatch();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                parser.parse(record.value()).countInto(batch);
            } catch (InvalidEventException e) {
                Log.warnf("Not counted: %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                        e.reason().code(), e.getMessage());
            }
        }
        // A database outage must not skip events: the same batch is retried until it commits.
        return counters.add(batch)
                .onFailure().invoke(e -> Log.warnf("Counting %d records failed, retrying: %s", records.count(), e.getMessage()))
                .onFailure().retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely();
    }
}
