package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.time.OffsetDateTime;
import java.util.List;

import org.ccextractor.sampleplatform.errorsummary.counters.CountedEvent;
import org.ccextractor.sampleplatform.errorsummary.counters.CounterBatch;
import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;

/**
 * A record value of the error-events topic, as defined by schemas/error-event.schema.json and read by EventParser.
 *
 * @param outputHash an error's output_hash, else null
 * @param metadata what a run_created or run_completed event says of its run, else null
 */
public record ErrorEvent(
        Kind kind,
        String eventId,
        long runId,
        OffsetDateTime occurredAt,
        String type,
        Severity severity,
        Long sampleId,
        Long regressionId,
        List<String> categories,
        String outputHash,
        RunMetadata metadata) {

    /** The schema's kind, by its wire name (WireNames). */
    public enum Kind {
        ERROR,
        RUN_CREATED,
        RUN_COMPLETED,
        RUN_DELETED
    }

    /** What de-duplication knows this event by. */
    CountedEvent identity() {
        return new CountedEvent(runId, eventId);
    }

    /**
     * Adds this event to the batch: an error counts once in each dimension (once per category, or once
     * under {@link Dimension#NOT_GIVEN} without categories); a run_created event only makes its run known. A run_deleted event
     * is no increment: the consumer applies it between batches.
     */
    void countInto(CounterBatch batch) {
        if (kind != Kind.ERROR) {
            batch.addRun(runId);
            return;
        }
        batch.add(runId, Dimension.TYPE, type, severity, occurredAt);
        batch.add(runId, Dimension.SEVERITY, severity.wireName(), severity, occurredAt);
        batch.add(runId, Dimension.SAMPLE_ID, keyOf(sampleId), severity, occurredAt);
        batch.add(runId, Dimension.REGRESSION_ID, keyOf(regressionId), severity, occurredAt);
        if (categories == null || categories.isEmpty()) {
            batch.add(runId, Dimension.CATEGORY, Dimension.NOT_GIVEN, severity, occurredAt);
        } else {
            categories.forEach(category -> batch.add(runId, Dimension.CATEGORY, category, severity, occurredAt));
        }
    }

    private static String keyOf(Long id) {
        return id == null ? Dimension.NOT_GIVEN : id.toString();
    }
}
