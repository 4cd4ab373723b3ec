package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The counter increments of one batch of events, aggregated in memory so that each counter row is
 * written once per batch however many events of the batch it counts.
 */
public final class CounterBatch {

    /** The scope that counts events of every severity; scopes 1-4 are {@link Severity#rank()}. */
    static final short ALL_SEVERITIES = 0;

    /** Rows are written in primary-key order so that concurrent batches lock them in the same order. */
    private static final Comparator<CounterKey> KEY_ORDER = Comparator.comparingLong(CounterKey::runId)
            .thenComparing(CounterKey::dimension)
            .thenComparingInt(CounterKey::scope)
            .thenComparing(CounterKey::key);

    private final Set<Long> runs = new TreeSet<>();
    private final Map<CounterKey, Delta> deltas = new HashMap<>();

    /** Makes the run known even when no error of it is counted. */
    public void addRun(long runId) {
        runs.add(runId);
    }

    /** Counts one event under {@code key} of {@code dimension}, both in all severities and in its own. */
    public void add(long runId, Dimension dimension, String key, Severity severity, OffsetDateTime occurredAt) {
        runs.add(runId);
        increment(new CounterKey(runId, dimension, ALL_SEVERITIES, key), severity, occurredAt);
        increment(new CounterKey(runId, dimension, severity.rank(), key), severity, occurredAt);
    }

    private void increment(CounterKey counter, Severity severity, OffsetDateTime occurredAt) {
        deltas.computeIfAbsent(counter, k -> new Delta(severity, occurredAt)).add(severity, occurredAt);
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    Set<Long> runs() {
        return runs;
    }

    List<Map.Entry<CounterKey, Delta>> rowsInKeyOrder() {
        return deltas.entrySet().stream().sorted(Map.Entry.comparingByKey(KEY_ORDER)).toList();
    }

    record CounterKey(long runId, Dimension dimension, short scope, String key) {
    }

    static final class Delta {
        long count;
        Severity worst;
        OffsetDateTime firstSeen;
        OffsetDateTime lastSeen;

        private Delta(Severity severity, OffsetDateTime occurredAt) {
            worst = severity;
            firstSeen = occurredAt;
            lastSeen = occurredAt;
        }

        private void add(Severity severity, OffsetDateTime occurredAt) {
            count++;
            if (severity.compareTo(worst) > 0) {
                worst = severity;
            }
            if (occurredAt.isBefore(firstSeen)) {
                firstSeen = occurredAt;
            }
            if (occurredAt.isAfter(lastSeen)) {
                lastSeen = occurredAt;
            }
        }
    }
}
