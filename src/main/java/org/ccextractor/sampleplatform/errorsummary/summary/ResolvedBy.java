package org.ccextractor.sampleplatform.errorsummary.summary;

import com.fasterxml.jackson.annotation.JsonValue;

import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;

/** How a comparison's baseline was found (issue 18; schemas/openapi.yaml, BaselineDescription). */
public enum ResolvedBy {
    /** Given by the request's {@code baseline}. */
    EXPLICIT,
    /** {@code auto}, for a run with a base_commit: the highest complete run of that commit on the run's platform. */
    BRANCH_POINT,
    /** {@code auto}, for any other run: the highest complete run below it on its branch and platform. */
    PREVIOUS_ON_BRANCH;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }
}
