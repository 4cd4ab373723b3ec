package org.ccextractor.sampleplatform.errorsummary.counters;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an error event is counted by: the values of the summary's {@code group_by}. */
public enum Dimension {
    TYPE(false),
    SAMPLE_ID(true),
    REGRESSION_ID(true),
    CATEGORY(false),
    SEVERITY(false);

    /** The key of an event that has no value in this dimension. */
    public static final String NONE = "none";

    private final boolean numeric;

    Dimension(boolean numeric) {
        this.numeric = numeric;
    }

    /** Numeric keys sort by value rather than by code point. */
    public boolean numeric() {
        return numeric;
    }

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }
}
