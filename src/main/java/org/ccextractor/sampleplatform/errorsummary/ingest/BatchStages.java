package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;

/**
 * Where a batch's time goes, step by step: the timer error_summary_batch_stage_seconds{stage=...}. Reading and
 * aggregating run while the batch before commits; the rest is the batch's own transaction.
 */
@ApplicationScoped
public class BatchStages {

    enum Stage {
        /** Reading the poll's values and aggregating their increments (overlaps the batch before). */
        READ,
        /** Locking the partitions' stored offsets. */
        FENCE,
        DEAD_LETTERS,
        /** Recording the event ids, which says which ones are new. */
        DEDUPLICATE,
        AGGREGATE,
        /** The runs' versions and the counters. */
        WRITE,
        /** Storing the offsets and committing. */
        COMMIT
    }

    private final Map<Stage, Timer> timers = new EnumMap<>(Stage.class);

    public BatchStages(MeterRegistry registry) {
        for (Stage stage : Stage.values()) {
            timers.put(stage, registry.timer("error_summary.batch.stage", "stage", WireNames.of(stage)));
        }
    }

    /** Records the stage as having run since {@code startedNanos} (System.nanoTime()); returns now, where the next one starts. */
    long record(Stage stage, long startedNanos) {
        long now = System.nanoTime();
        timers.get(stage).record(now - startedNanos, TimeUnit.NANOSECONDS);
        return now;
    }
}
