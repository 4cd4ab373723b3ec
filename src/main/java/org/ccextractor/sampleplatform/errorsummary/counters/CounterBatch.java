package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The counter increments of one batch of events, aggregated in memory so that each bucket row is written
 * once per batch however many events of the batch it counts.
 */
public final class CounterBatch {

    /** Rows are written in primary-key order so that concurrent batches lock them in the same order. */
    private static final Comparator<CounterKey> KEY_ORDER = Comparator.comparingLong(CounterKey::runId)
            .thenComparing(key -> key.dimension().wireName())
            .thenComparing(CounterKey::key);

    private final Set<Long> runs = new TreeSet<>();
    private final Map<CounterKey, Delta> deltas = new HashMap<>();

    /** Makes the run known even when no error of it is counted. */
    public void addRun(long runId) {
        runs.add(runId);
    }

    /**
     * Counts one event of {@code severity} under {@code key} of {@code dimension}.
     *
     * @param outputHash the error's output_hash, or null when it carried none
     */
    public void add(long runId, Dimension dimension, String key, Severity severity, OffsetDateTime occurredAt,
            OutputHash outputHash) {
        runs.add(runId);
        deltas.computeIfAbsent(new CounterKey(runId, dimension, key), k -> new Delta()).add(severity, occurredAt, outputHash);
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    /** The runs the batch counts in, or makes known. */
    public Set<Long> runs() {
        return runs;
    }

    List<Map.Entry<CounterKey, Delta>> rowsInKeyOrder() {
        return deltas.entrySet().stream().sorted(Map.Entry.comparingByKey(KEY_ORDER)).toList();
    }

    record CounterKey(long runId, Dimension dimension, String key) {
    }

    /**
     * The increments of one bucket, per severity (indexed by ordinal), and of all severities together how many
     * errors carried an output_hash and the sum of their digests, modulo 2^64 as Java's long addition wraps.
     */
    static final class Delta {
        final long[] counts = new long[Severity.values().length];
        final OffsetDateTime[] firstSeen = new OffsetDateTime[counts.length];
        final OffsetDateTime[] lastSeen = new OffsetDateTime[counts.length];
        long outputHashCount;
        long outputHashSum;

        private void add(Severity severity, OffsetDateTime occurredAt, OutputHash outputHash) {
            if (outputHash != null) {
                outputHashCount++;
                outputHashSum += outputHash.digest();
            }
            int s = severity.ordinal();
            counts[s]++;
            if (firstSeen[s] == null || occurredAt.isBefore(firstSeen[s])) {
                firstSeen[s] = occurredAt;
            }
            if (lastSeen[s] == null || occurredAt.isAfter(lastSeen[s])) {
                lastSeen[s] = occurredAt;
            }
        }
    }
}
