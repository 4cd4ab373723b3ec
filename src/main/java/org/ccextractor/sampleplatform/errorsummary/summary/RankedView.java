package org.ccextractor.sampleplatform.errorsummary.summary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;
import org.ccextractor.sampleplatform.errorsummary.counters.StoredView;

/**
 * Every bucket of one dimension of a run, ranked in summary order once for each scope (all severities, then each
 * severity): count descending, then {@link KeyOrder}. A page is a slice of a ranking; {@code total} is its length.
 * Immutable; valid for the run's {@link #version()}.
 */
final class RankedView {

    /** Scope 0 counts every severity; scope 1 + s counts severity s (by ordinal). */
    static final int SCOPES = Severity.values().length + 1;
    private static final Severity[] SEVERITIES = Severity.values();

    private final long runId;
    private final Dimension dimension;
    private final long version;
    private final RunMetadata metadata;
    private final boolean complete;
    private final String[] keys;
    /** [scope][bucket]: count, first and last seen (epoch ms) of the scope. */
    private final long[][] counts;
    private final long[][] firstSeen;
    private final long[][] lastSeen;
    /** The worst severity of each bucket, for the all-severities scope. */
    private final Severity[] worst;
    /** Per bucket, over all severities: errors that carried an output_hash, and the sum of their digests. */
    private final long[] outputHashCounts;
    private final long[] outputHashSums;
    /** [scope]: the indexes of the buckets the scope counts any event of, in summary order. */
    private final int[][] ranking;

    private RankedView(long runId, Dimension dimension, StoredView stored) {
        this.runId = runId;
        this.dimension = dimension;
        this.version = stored.version();
        this.metadata = stored.metadata();
        this.complete = stored.complete();
        List<StoredView.Row> rows = stored.rows();
        int n = rows.size();
        keys = new String[n];
        outputHashCounts = new long[n];
        outputHashSums = new long[n];
        counts = new long[SCOPES][n];
        firstSeen = new long[SCOPES][n];
        lastSeen = new long[SCOPES][n];
        worst = new Severity[n];
        for (int b = 0; b < n; b++) {
            StoredView.Row row = rows.get(b);
            keys[b] = row.key();
            outputHashCounts[b] = row.outputHashCount();
            outputHashSums[b] = row.outputHashSum();
            firstSeen[0][b] = Long.MAX_VALUE;
            lastSeen[0][b] = Long.MIN_VALUE;
            for (Severity severity : SEVERITIES) {
                int s = severity.ordinal();
                long count = row.counts()[s];
                counts[s + 1][b] = count;
                firstSeen[s + 1][b] = row.firstSeenMillis()[s];
                lastSeen[s + 1][b] = row.lastSeenMillis()[s];
                if (count > 0) {
                    counts[0][b] += count;
                    firstSeen[0][b] = Math.min(firstSeen[0][b], row.firstSeenMillis()[s]);
                    lastSeen[0][b] = Math.max(lastSeen[0][b], row.lastSeenMillis()[s]);
                    worst[b] = severity;
                }
            }
        }
        // One sort by key, then a stable sort by count per scope: ties keep the key order.
        Comparator<String> keyOrder = KeyOrder.of(dimension);
        Integer[] byKey = new Integer[n];
        Arrays.setAll(byKey, b -> b);
        Arrays.sort(byKey, (a, b) -> keyOrder.compare(keys[a], keys[b]));
        ranking = new int[SCOPES][];
        for (int scope = 0; scope < SCOPES; scope++) {
            long[] scopeCounts = counts[scope];
            Integer[] ranked = Arrays.stream(byKey).filter(b -> scopeCounts[b] > 0).toArray(Integer[]::new);
            Arrays.sort(ranked, (a, b) -> Long.compare(scopeCounts[b], scopeCounts[a]));
            ranking[scope] = Arrays.stream(ranked).mapToInt(Integer::intValue).toArray();
        }
    }

    /** Ranks what was read; CPU work in proportion to n log n buckets. */
    static RankedView of(long runId, Dimension dimension, StoredView stored) {
        return new RankedView(runId, dimension, stored);
    }

    long runId() {
        return runId;
    }

    long version() {
        return version;
    }

    Dimension dimension() {
        return dimension;
    }

    RunMetadata metadata() {
        return metadata;
    }

    boolean complete() {
        return complete;
    }

    /** How many buckets the run has in this dimension (over all severities); a bucket is an index below it. */
    int size() {
        return keys.length;
    }

    /** The bucket's key as stored ({@link Dimension#NOT_GIVEN} for "not given"). */
    String key(int bucket) {
        return keys[bucket];
    }

    /** The bucket's count in a scope; the scope of a severity, or of all (empty). */
    long count(int scope, int bucket) {
        return counts[scope][bucket];
    }

    /** The severity the bucket is served with in the scope: the scope's when it counts any, else the worst; null for none. */
    Severity severity(int scope, int bucket) {
        if (counts[scope][bucket] == 0) {
            return null;
        }
        return scope == 0 ? worst[bucket] : SEVERITIES[scope - 1];
    }

    Instant firstSeen(int scope, int bucket) {
        return counts[scope][bucket] == 0 ? null : Instant.ofEpochMilli(firstSeen[scope][bucket]);
    }

    Instant lastSeen(int scope, int bucket) {
        return counts[scope][bucket] == 0 ? null : Instant.ofEpochMilli(lastSeen[scope][bucket]);
    }

    /** Whether every error of the bucket (of any severity) carried an output_hash. */
    boolean allHashed(int bucket) {
        return outputHashCounts[bucket] == counts[0][bucket];
    }

    /** Whether the two buckets' output hashes, as their counts and sums tell, are the same multiset. */
    static boolean sameOutputs(RankedView a, int bucketOfA, RankedView b, int bucketOfB) {
        return a.outputHashCounts[bucketOfA] == b.outputHashCounts[bucketOfB]
                && a.outputHashSums[bucketOfA] == b.outputHashSums[bucketOfB];
    }

    /** The scope of a page: every severity (0) or one. */
    static int scope(Optional<Severity> severity) {
        return severity.map(s -> s.ordinal() + 1).orElse(0);
    }

    /**
     * The page at {@code offset} of at most {@code limit} buckets of the scope (every severity when empty), and how
     * many buckets the scope has in all.
     */
    Page page(Optional<Severity> severity, int limit, long offset) {
        int scope = scope(severity);
        int[] ranked = ranking[scope];
        int from = (int) Math.min(offset, ranked.length);
        int to = (int) Math.min(ranked.length, from + (long) limit);
        List<Bucket> buckets = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            int b = ranked[i];
            buckets.add(new Bucket(dimension, servedKey(keys[b]), counts[scope][b], severity(scope, b), firstSeen(scope, b),
                    lastSeen(scope, b)));
        }
        return new Page(ranked.length, buckets);
    }

    /** The contract's key: null for "not given", which is stored as {@link Dimension#NOT_GIVEN}. */
    static String servedKey(String key) {
        return Dimension.NOT_GIVEN.equals(key) ? null : key;
    }

    /** Roughly the bytes this view holds on the heap, for the cache's bound. */
    int weight() {
        long bytes = 256;
        for (String key : keys) {
            bytes += 48 + 2L * key.length() + SCOPES * (3 * 8 + 4) + 8 + 2 * 8;
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** One page of buckets and the number of buckets in all pages. */
    record Page(long total, List<Bucket> buckets) {
    }
}
