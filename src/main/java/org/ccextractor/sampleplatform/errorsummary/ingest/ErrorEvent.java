package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.time.OffsetDateTime;
import java.util.List;

import org.ccextractor.sampleplatform.errorsummary.counters.CountedEvent;
import org.ccextractor.sampleplatform.errorsummary.counters.CounterBatch;
import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.OutputHash;
import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;

/**
 * A record value of the error-events topic, as defined by schemas/error-event.schema.json and read by EventParser.
 *
 * @param outputHash an error's output_hash, else null
 * @param metadata what a run_created or run_completed event says of its run; null when it says nothing, and for other kinds
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
     * under {@link Dimension#NOT_GIVEN} without categories), its output_hash with it; a run_created or run_completed
     * event only makes its run known (its metadata is applied apart, EventBatchHandler). A run_deleted event is no
     * increment: the consumer applies it between batches.
     */
    void countInto(CounterBatch batch) {
        if (kind != Kind.ERROR) {
            batch.addRun(runId);
            return;
        }
        OutputHash hash = outputHash == null ? null : OutputHash.of(outputHash);
        batch.add(runId, Dimension.TYPE, type, severity, occurredAt, hash);
        batch.add(runId, Dimension.SEVERITY, severity.wireName(), severity, occurredAt, hash);
        batch.add(runId, Dimension.SAMPLE_ID, keyOf(sampleId), severity, occurredAt, hash);
        batch.add(runId, Dimension.REGRESSION_ID, keyOf(regressionId), severity, occurredAt, hash);
        if (categories == null || categories.isEmpty()) {
            batch.add(runId, Dimension.CATEGORY, Dimension.NOT_GIVEN, severity, occurredAt, hash);
        } else {
            categories.forEach(category -> batch.add(runId, Dimension.CATEGORY, category, severity, occurredAt, hash));
        }
    }

    private static String keyOf(Long id) {
        return id == null ? Dimension.NOT_GIVEN : id.toString();
    }
}
