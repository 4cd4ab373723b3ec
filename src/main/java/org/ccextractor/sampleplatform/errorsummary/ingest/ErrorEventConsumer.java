package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import org.ccextractor.sampleplatform.errorsummary.counters.CountedEvent;
import org.ccextractor.sampleplatform.errorsummary.counters.CounterBatch;
import org.ccextractor.sampleplatform.errorsummary.counters.CounterStore;
import org.ccextractor.sampleplatform.errorsummary.counters.CounterTransaction;
import org.ccextractor.sampleplatform.errorsummary.counters.Partition;
import org.ccextractor.sampleplatform.errorsummary.ingest.DeadLetters.Rejected;

/**
 * Consumes the error-events topic a poll at a time, exactly once: each batch is parsed, then applied in
 * one PostgreSQL transaction that also records the batch's offsets and event ids. Records below the
 * stored offsets (redelivered after a crash or a rebalance) and events counted before are skipped.
 */
@ApplicationScoped
public class ErrorEventConsumer {

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final EventParser parser;
    private final CounterStore counters;
    private final DeadLetters deadLetters;
    private final Counter counted;
    private final Counter duplicates;
    private final DistributionSummary batchSize;
    private final Timer batchDuration;
    private final Timer dedupeDuration;

    public ErrorEventConsumer(EventParser parser, CounterStore counters, DeadLetters deadLetters, MeterRegistry registry) {
        this.parser = parser;
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.counted = registry.counter("error_summary.events.counted");
        this.duplicates = registry.counter("error_summary.events.duplicates");
        this.batchSize = registry.summary("error_summary.batch.size");
        this.batchDuration = registry.timer("error_summary.batch.duration");
        this.dedupeDuration = registry.timer("error_summary.batch.dedupe");
    }

    /**
     * Parsing and aggregating are CPU work of tens of milliseconds a batch: they run on a worker thread,
     * never on the event loop that also serves the REST requests and the database connections.
     */
    @Incoming("error-events")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        long started = System.nanoTime();
        return Uni.createFrom().item(() -> parse(records))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(batch -> apply(batch)
                        .invoke(tally -> {
                            counted.increment(tally.counted);
                            duplicates.increment(tally.duplicates);
                            batchSize.record(batch.size());
                            batchDuration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        }))
                .replaceWithVoid();
    }

    private List<Parsed> parse(ConsumerRecords<byte[], byte[]> records) {
        List<Parsed> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(parse(record));
        }
        return batch;
    }

    /** A database outage must not skip events: the same batch is retried until it commits. */
    private Uni<Tally> apply(List<Parsed> batch) {
        return counters.inTransaction(tx -> {
                    Tally tally = new Tally();
                    return apply(tx, batch, tally).replaceWith(tally);
                })
                .onFailure().invoke(e -> Log.warnf("Applying %d records failed, retrying: %s", batch.size(), e.getMessage()))
                .onFailure().retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely();
    }

    private Parsed parse(ConsumerRecord<byte[], byte[]> record) {
        try {
            return new Parsed(record, parser.parse(record.value()), null);
        } catch (InvalidEventException e) {
            return new Parsed(record, null, e);
        }
    }

    private Uni<Void> apply(CounterTransaction tx, List<Parsed> batch, Tally tally) {
        Map<Partition, Long> nextOffsets = new HashMap<>();
        batch.forEach(p -> nextOffsets.merge(p.partition(), p.record().offset() + 1, Math::max));
        return tx.lockNextOffsets(nextOffsets.keySet())
                .chain(applied -> {
                    List<Parsed> fresh = batch.stream()
                            .filter(p -> p.record().offset() >= applied.getOrDefault(p.partition(), 0L)).toList();
                    return deadLetters.send(fresh.stream().filter(p -> p.event() == null)
                                    .map(p -> new Rejected(p.record(), p.rejection())).toList())
                            .chain(() -> applyInOrder(tx, fresh.stream().filter(p -> p.event() != null)
                                    .map(Parsed::event).toList(), tally));
                })
                .chain(() -> tx.saveNextOffsets(nextOffsets));
    }

    /** Counts the events in runs between deletions, so that a run deleted mid-batch loses what came before. */
    private Uni<Void> applyInOrder(CounterTransaction tx, List<ErrorEvent> events, Tally tally) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        List<ErrorEvent> segment = new ArrayList<>();
        for (ErrorEvent event : events) {
            if (event.kind() == ErrorEvent.Kind.RUN_DELETED) {
                List<ErrorEvent> before = List.copyOf(segment);
                segment.clear();
                chain = chain.chain(() -> count(tx, before, tally)).chain(() -> tx.deleteRun(event.runId()));
            } else {
                segment.add(event);
            }
        }
        return chain.chain(() -> count(tx, segment, tally));
    }

    /** Counts each error event whose id was not counted before, once. */
    private Uni<Void> count(CounterTransaction tx, List<ErrorEvent> events, Tally tally) {
        List<CountedEvent> errors = events.stream().filter(e -> e.kind() == ErrorEvent.Kind.ERROR)
                .map(ErrorEvent::identity).toList();
        long started = System.nanoTime();
        return tx.markCounted(errors).emitOn(Infrastructure.getDefaultWorkerPool()).chain(fresh -> {
            dedupeDuration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            Set<CountedEvent> uncounted = new HashSet<>(fresh);
            CounterBatch batch = new CounterBatch();
            for (ErrorEvent event : events) {
                if (event.kind() != ErrorEvent.Kind.ERROR || uncounted.remove(event.identity())) {
                    event.countInto(batch);
                }
            }
            tally.counted += fresh.size();
            tally.duplicates += errors.size() - fresh.size();
            return tx.add(batch);
        });
    }

    /** What a batch did, for the metrics once it has committed. */
    private static final class Tally {
        long counted;
        long duplicates;
    }

    /** A record with either its event or the reason it cannot be counted. */
    private record Parsed(ConsumerRecord<byte[], byte[]> record, ErrorEvent event, InvalidEventException rejection) {

        Partition partition() {
            return new Partition(record.topic(), record.partition());
        }
    }
}
