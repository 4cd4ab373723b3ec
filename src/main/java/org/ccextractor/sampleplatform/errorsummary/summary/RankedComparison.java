package org.ccextractor.sampleplatform.errorsummary.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ccextractor.sampleplatform.errorsummary.counters.Severity;

/**
 * Every bucket of one dimension of a run and of its baseline, each with its {@link ComparisonStatus}, ranked once for
 * each scope (all severities, then each severity) in the comparison's order: by status, then count descending (the
 * baseline's for {@link ComparisonStatus#baselineOnly} statuses), then {@link KeyOrder}. A scope holds the buckets
 * with errors of it on either side. Derived from the two ranked views, immutable, valid for their versions.
 */
final class RankedComparison {

    private static final ComparisonStatus[] STATUSES = ComparisonStatus.values();

    private final RankedView run;
    /** Null: the run has no baseline, and each of its buckets is {@link ComparisonStatus#NO_REFERENCE}. */
    private final RankedView baseline;
    /** Per bucket of the comparison: its index in the run's view and in the baseline's, -1 where it has none. */
    private final int[] inRun;
    private final int[] inBaseline;
    private final ComparisonStatus[] statuses;
    /** [scope]: the comparison's buckets of the scope, in order. */
    private final int[][] ranking;
    /** [scope][s]: where status s starts in the scope's ranking; [scope][STATUSES.length] is its length. */
    private final int[][] starts;

    private RankedComparison(RankedView run, RankedView baseline) {
        this.run = run;
        this.baseline = baseline;
        Map<String, Integer> baselineOnly = new HashMap<>();
        for (int b = 0; baseline != null && b < baseline.size(); b++) {
            baselineOnly.put(baseline.key(b), b);
        }
        int n = run.size() + baselineOnly.size();
        int[] runIndexes = new int[n];
        int[] baselineIndexes = new int[n];
        int m = 0;
        for (int b = 0; b < run.size(); b++, m++) {
            Integer inBoth = baselineOnly.remove(run.key(b));
            runIndexes[m] = b;
            baselineIndexes[m] = inBoth == null ? -1 : inBoth;
        }
        for (int b : baselineOnly.values()) {
            runIndexes[m] = -1;
            baselineIndexes[m++] = b;
        }
        inRun = Arrays.copyOf(runIndexes, m);
        inBaseline = Arrays.copyOf(baselineIndexes, m);
        statuses = new ComparisonStatus[m];
        for (int c = 0; c < m; c++) {
            statuses[c] = status(c);
        }
        // One sort by key, then a stable sort per scope by status and count: ties keep the key order.
        Comparator<String> keyOrder = KeyOrder.of(run.dimension());
        Integer[] byKey = new Integer[m];
        Arrays.setAll(byKey, c -> c);
        Arrays.sort(byKey, (a, b) -> keyOrder.compare(key(a), key(b)));
        ranking = new int[RankedView.SCOPES][];
        starts = new int[RankedView.SCOPES][STATUSES.length + 1];
        for (int scope = 0; scope < RankedView.SCOPES; scope++) {
            int s = scope;
            Integer[] ranked = Arrays.stream(byKey).filter(c -> count(s, c) > 0 || baselineCount(s, c) > 0).toArray(Integer[]::new);
            Arrays.sort(ranked, Comparator.<Integer> comparingInt(c -> statuses[c].ordinal())
                    .thenComparing((a, b) -> Long.compare(rankedCount(s, b), rankedCount(s, a))));
            ranking[scope] = Arrays.stream(ranked).mapToInt(Integer::intValue).toArray();
            for (int c : ranking[scope]) {
                starts[scope][statuses[c].ordinal() + 1]++;
            }
            for (int status = 1; status <= STATUSES.length; status++) {
                starts[scope][status] += starts[scope][status - 1];
            }
        }
    }

    /** Compares what the two views hold; {@code baseline} null for none. CPU work in proportion to n log n buckets. */
    static RankedComparison of(RankedView run, RankedView baseline) {
        return new RankedComparison(run, baseline);
    }

    private ComparisonStatus status(int c) {
        if (baseline == null) {
            return ComparisonStatus.NO_REFERENCE;
        }
        if (inBaseline[c] < 0) {
            return ComparisonStatus.NEW;
        }
        if (inRun[c] < 0) {
            return run.complete() ? ComparisonStatus.FIXED : ComparisonStatus.NOT_RERUN;
        }
        boolean allHashed = run.allHashed(inRun[c]) && baseline.allHashed(inBaseline[c]);
        return allHashed && !RankedView.sameOutputs(run, inRun[c], baseline, inBaseline[c])
                ? ComparisonStatus.CHANGED
                : ComparisonStatus.RECURRING;
    }

    /** The count a bucket is ranked by within its status. */
    private long rankedCount(int scope, int c) {
        return statuses[c].baselineOnly() ? baselineCount(scope, c) : count(scope, c);
    }

    private String key(int c) {
        return inRun[c] >= 0 ? run.key(inRun[c]) : baseline.key(inBaseline[c]);
    }

    private long count(int scope, int c) {
        return inRun[c] >= 0 ? run.count(scope, inRun[c]) : 0;
    }

    private long baselineCount(int scope, int c) {
        return inBaseline[c] >= 0 ? baseline.count(scope, inBaseline[c]) : 0;
    }

    /**
     * The page at {@code offset} of at most {@code limit} buckets of the scope (every severity when empty) whose status
     * is one of {@code statuses} (every status when empty), how many such buckets there are, and how many the scope
     * has of each status.
     */
    Page page(Optional<Severity> severity, Set<ComparisonStatus> statuses, int limit, long offset) {
        int scope = RankedView.scope(severity);
        int[] ranked = ranking[scope];
        Map<ComparisonStatus, Long> counts = new LinkedHashMap<>();
        long total = 0;
        List<ComparedBucket> buckets = new ArrayList<>(Math.min(limit, ranked.length));
        long skip = offset;
        for (ComparisonStatus status : STATUSES) {
            int from = starts[scope][status.ordinal()];
            int to = starts[scope][status.ordinal() + 1];
            counts.put(status, (long) (to - from));
            if (!statuses.isEmpty() && !statuses.contains(status)) {
                continue;
            }
            total += to - from;
            int first = (int) Math.min(to, from + skip);
            skip -= first - from;
            for (int i = first; i < to && buckets.size() < limit; i++) {
                buckets.add(bucket(scope, ranked[i]));
            }
        }
        return new Page(counts, total, buckets);
    }

    private ComparedBucket bucket(int scope, int c) {
        int r = inRun[c];
        int b = inBaseline[c];
        return new ComparedBucket(run.dimension(), RankedView.servedKey(key(c)), statuses[c], count(scope, c),
                baselineCount(scope, c), r < 0 ? null : run.severity(scope, r), b < 0 ? null : baseline.severity(scope, b),
                r < 0 ? null : run.firstSeen(scope, r), r < 0 ? null : run.lastSeen(scope, r));
    }

    /** Roughly the bytes this comparison holds on the heap, the two views it keeps included, for the cache's bound. */
    int weight() {
        long bytes = 256 + run.weight() + (baseline == null ? 0 : baseline.weight())
                + (long) statuses.length * (4 + 4 + 4 + RankedView.SCOPES * 4);
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** One page of buckets, the number of buckets in all pages, and the scope's buckets of each status. */
    record Page(Map<ComparisonStatus, Long> counts, long total, List<ComparedBucket> buckets) {
    }
}
