package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;

/**
 * Consumes the error-events topic a poll at a time: reads each record ({@link EventParser}) and hands the batch to
 * {@link EventBatchHandler}, retrying it with back-off until it commits; the next poll is read meanwhile. A retried batch holds back what comes after
 * it, as exactly-once counting requires; a batch retrying longer than {@code error-summary.ingest.retry-warning-after}
 * is reported in the log and in the gauge {@code error_summary_batch_retrying_seconds}.
 */
@ApplicationScoped
public class ErrorEventConsumer {

    private final EventParser parser;
    private final EventBatchHandler handler;
    private final BatchStages stages;
    private final Duration backOff;
    private final Duration maxBackOff;
    private final long retryWarningNanos;
    private final Duration shutdownWait;
    private final Counter counted;
    private final Counter duplicates;
    private final Counter retries;
    private final DistributionSummary batchSize;
    private final Timer batchDuration;
    /** The batch being applied: the next one waits for it. Written only between one poll and the next. */
    private volatile CompletableFuture<Void> applying = CompletableFuture.completedFuture(null);
    /** System.nanoTime() of the first failure of the batch in hand, 0 while it has not failed. */
    private volatile long retryingSince;
    private volatile boolean retryReported;
    /** Set at shutdown: a failed batch is no longer tried again. */
    private volatile boolean stopping;

    public ErrorEventConsumer(EventParser parser, EventBatchHandler handler, BatchStages stages, ErrorSummaryConfig config,
            MeterRegistry registry) {
        this.parser = parser;
        this.handler = handler;
        this.stages = stages;
        this.backOff = config.ingest().retryBackOff();
        this.maxBackOff = config.ingest().retryMaxBackOff();
        this.retryWarningNanos = config.ingest().retryWarningAfter().toNanos();
        this.shutdownWait = config.ingest().shutdownWait();
        this.counted = registry.counter("error_summary.events.counted");
        this.duplicates = registry.counter("error_summary.events.duplicates");
        this.retries = registry.counter("error_summary.batch.retries");
        this.batchSize = registry.summary("error_summary.batch.size");
        this.batchDuration = registry.timer("error_summary.batch.duration");
        registry.gauge("error_summary.batch.retrying.seconds", this, ErrorEventConsumer::retryingSeconds);
    }

    /**
     * Reads the poll on a worker thread (CPU work, never on the event loop that also serves requests and database
     * connections), waits for the batch before it to commit, then starts applying this one and returns: the connector
     * then hands over the next poll, which is read while this one's transaction runs. Batches still commit one after
     * the other, in order; the offsets that count are the ones committed with them (StoredOffsets), so that Kafka's
     * own commit running one batch ahead changes nothing but the lag it shows.
     */
    @Incoming("error-events")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        long started = System.nanoTime();
        return Uni.createFrom().item(() -> {
                    Batch batch = Batch.read(records, parser);
                    stages.record(BatchStages.Stage.READ, started);
                    return batch;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .call(batch -> Uni.createFrom().completionStage(applying))
                .invoke(batch -> {
                    if (stopping) {
                        Log.debugf("Stopping: the batch of %s is left to its partitions' next owner", batch);
                    } else {
                        applying = apply(batch, started);
                    }
                })
                .replaceWithVoid();
    }

    /** Applies the batch until it commits; completes then. */
    private CompletableFuture<Void> apply(Batch batch, long started) {
        return handler.apply(batch)
                .onFailure().invoke(failure -> failed(batch, failure))
                .onFailure(failure -> !stopping).retry().withBackOff(backOff, maxBackOff).indefinitely()
                .invoke(outcome -> {
                    committed(batch);
                    counted.increment(outcome.counted());
                    duplicates.increment(outcome.duplicates());
                    batchSize.record(batch.size());
                    batchDuration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                })
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    /**
     * Stops applying polls and lets the batch in hand commit before the database pool closes under it (Quarkus
     * closes the pool after the shutdown observers), for at most {@code error-summary.ingest.shutdown-wait}; a batch
     * failing meanwhile is not tried again. What is abandoned rolls back, or was never begun, and is applied by the
     * partitions' next owner from the offsets stored with the last commit.
     */
    void finishBatchInHand(@Observes ShutdownEvent event) {
        stopping = true;
        long deadline = System.nanoTime() + shutdownWait.toNanos();
        try {
            CompletableFuture<Void> inHand;
            do { // a poll read just before stopping was set may have started one more batch
                inHand = applying;
                inHand.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } while (inHand != applying);
        } catch (TimeoutException e) {
            Log.warnf("Stopping with a batch still applying after %s; it is rolled back and applied again by its partitions' "
                    + "next owner", shutdownWait);
        } catch (ExecutionException e) {
            Log.infof("Stopping: the batch in hand did not commit (%s); its partitions' next owner applies it", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(Batch batch, Throwable failure) {
        retries.increment();
        long now = System.nanoTime();
        if (retryingSince == 0) {
            retryingSince = now;
        }
        Log.warnf("Applying a batch of %s failed, retrying: %s", batch, failure.getMessage());
        if (!retryReported && now - retryingSince >= retryWarningNanos) {
            retryReported = true;
            Log.errorf("A batch of %s has been retrying for %d s; nothing after it is consumed until it commits. Last failure: %s",
                    batch, TimeUnit.NANOSECONDS.toSeconds(now - retryingSince), failure.getMessage());
        }
    }

    private void committed(Batch batch) {
        if (retryReported) {
            Log.infof("The batch of %s committed after retrying for %d s", batch,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - retryingSince));
        }
        retryingSince = 0;
        retryReported = false;
    }

    private double retryingSeconds() {
        long since = retryingSince;
        return since == 0 ? 0 : (System.nanoTime() - since) / 1e9;
    }
}
