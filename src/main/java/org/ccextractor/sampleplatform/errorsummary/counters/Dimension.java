package org.ccextractor.sampleplatform.errorsummary.counters;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an error event is counted by: the values of the summary's {@code group_by}. */
public enum Dimension {
    TYPE(false, false),
    SAMPLE_ID(true, true),
    REGRESSION_ID(true, true),
    CATEGORY(false, true),
    SEVERITY(false, false);

    /**
     * The stored key of an event that has no value in a dimension where a value may be missing: the empty string,
     * which no given key can be (ids are digits, a category has at least one character:
     * {@code schemas/error-event.schema.json}). The API serves it as {@code "key": null}, so that a category
     * literally named "none" is a bucket of its own.
     */
    public static final String NOT_GIVEN = "";

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

    /** An event may have no value here (no sample, no regression test, no category): it counts under {@link #NOT_GIVEN}. */
    public boolean optional() {
        return optional;
    }

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }
}
