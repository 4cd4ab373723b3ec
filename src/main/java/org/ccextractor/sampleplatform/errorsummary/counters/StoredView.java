package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.List;

/**
 * Every bucket of one view's dimension of a run, as stored (in no particular order), with the run's version and
 * metadata when they were read: one snapshot. Per bucket and severity (indexed by {@link Severity#ordinal()}): the
 * count, and the first and last seen in epoch milliseconds (0 where the count is 0); per bucket, over all severities,
 * how many of its errors carried an output_hash and the sum of their digests ({@link OutputHash}, V8).
 *
 * @param complete whether the run ran every test it was to run (runs.complete, V8)
 */
public record StoredView(long version, RunMetadata metadata, boolean complete, List<Row> rows) {

    public record Row(String key, long[] counts, long[] firstSeenMillis, long[] lastSeenMillis, long outputHashCount,
            long outputHashSum) {
    }
}
