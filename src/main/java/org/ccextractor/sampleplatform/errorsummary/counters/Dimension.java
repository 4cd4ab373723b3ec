package org.ccextractor.sampleplatform.errorsummary.counters;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an error event is counted by: the values of the summary's {@code group_by}. */
public enum Dimension {
    TYPE(false, false),
    SAMPLE_ID(true, true),
    REGRESSION_ID(true, true),
    CATEGORY(false, true),
    SEVERITY(false, false);

    /** The key of an event that has no value in a dimension where a value may be missing. */
    public static final String NONE = "none";

    private final boolean numeric;
    private final boolean optional;

    Dimension(boolean numeric, boolean optional) {
        this.numeric = numeric;
        this.optional = optional;
    }

    /** Keys are decimal ids, which sort by value rather than by code point. */
    public boolean numeric() {
        return numeric;
    }

    /** An event may have no value here (no sample, no regression test, no category): it counts under {@link #NONE}. */
    public boolean optional() {
        return optional;
    }

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }
}
