package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.List;

/**
 * Every bucket of one view's dimension of a run, as stored (in no particular order), with the run's version when
 * they were read: one snapshot. Per bucket and severity (indexed by {@link Severity#ordinal()}): the count, and the
 * first and last seen in epoch milliseconds (0 where the count is 0).
 */
public record StoredView(long version, List<Row> rows) {

    public record Row(String key, long[] counts, long[] firstSeenMillis, long[] lastSeenMillis) {
    }
}
