package org.ccextractor.sampleplatform.errorsummary.counters;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One group of a run's error summary, exactly as it is read from the counters and written as JSON.
 * Times are UTC with milliseconds, whatever their precision in the database. Reached through a list in the page,
 * which a native build does not follow by itself, so registered for reflection.
 */
@RegisterForReflection
public record Bucket(
        Dimension groupBy,
        String key,
        long count,
        Severity severity,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIME_PATTERN, timezone = "UTC") Instant firstSeenAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIME_PATTERN, timezone = "UTC") Instant lastSeenAt) {

    static final String TIME_PATTERN = "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'";
}
