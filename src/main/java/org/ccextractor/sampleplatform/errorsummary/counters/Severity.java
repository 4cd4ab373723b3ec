package org.ccextractor.sampleplatform.errorsummary.counters;

import com.fasterxml.jackson.annotation.JsonValue;

/** Severity of an error event, ordered from least to worst; {@link #rank()} is what the counters store. */
public enum Severity {
    INFO,
    WARNING,
    ERROR,
    CRITICAL;

    private static final Severity[] BY_RANK = values();

    /** 1 for info up to 4 for critical; 0 is the scope that counts every severity. */
    public short rank() {
        return (short) (ordinal() + 1);
    }

    public static Severity ofRank(int rank) {
        return BY_RANK[rank - 1];
    }

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }
}
