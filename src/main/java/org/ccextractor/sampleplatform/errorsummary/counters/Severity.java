package org.ccextractor.sampleplatform.errorsummary.counters;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Severity of an error event, ordered from least to worst. The one owner of the severities: the counters' columns
 * ({@link #column}), the ranked views' scopes and the wire names all follow this list.
 */
public enum Severity {
    INFO,
    WARNING,
    ERROR,
    CRITICAL;

    /** The bucket_counters column of this severity's count, first_seen or last_seen, e.g. {@code error_count}. */
    public String column(String figure) {
        return wireName() + "_" + figure;
    }

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }
}
