package org.ccextractor.sampleplatform.errorsummary.summary;

import com.fasterxml.jackson.annotation.JsonValue;

import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;

/**
 * What a bucket of a run is against its baseline (issue 18; schemas/openapi.yaml, ComparisonStatus), decided on the
 * whole bucket, all severities together. Declared in the order a comparison lists them.
 */
public enum ComparisonStatus {
    /** In the run, not in the baseline. */
    NEW,
    /** In both, every error of both carried an output_hash, and the two multisets of hashes differ. */
    CHANGED,
    /** In both otherwise. */
    RECURRING,
    /** Only in the baseline, and the run is not complete: it may not have run what failed there. */
    NOT_RERUN,
    /** Only in the baseline, and the run is complete. */
    FIXED,
    /** In the run, which has no baseline: neither agreement nor new. */
    NO_REFERENCE;

    /** Whether buckets of this status are ordered by their baseline count (they have none in the run). */
    boolean baselineOnly() {
        return this == NOT_RERUN || this == FIXED;
    }

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }
}
