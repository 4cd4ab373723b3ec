package org.ccextractor.sampleplatform.errorsummary.summary;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;

/**
 * One bucket of a comparison (schemas/openapi.yaml, ComparedBucket): its counts in the run and in the baseline, in
 * the page's scope. A side without errors in the scope has count 0 and severity null; the times are the run's, null
 * when its count is 0. Reached through a list, so registered for reflection (native build).
 */
@RegisterForReflection
public record ComparedBucket(
        Dimension groupBy,
        String key,
        ComparisonStatus status,
        long count,
        long baselineCount,
        Severity severity,
        Severity baselineSeverity,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = Bucket.TIME_PATTERN, timezone = "UTC") Instant firstSeenAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = Bucket.TIME_PATTERN, timezone = "UTC") Instant lastSeenAt) {
}
