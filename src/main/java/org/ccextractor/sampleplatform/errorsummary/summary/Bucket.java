package org.ccextractor.sampleplatform.errorsummary.summary;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;

/**
 * One group of a run's error summary, as a page of a ranked view gives it and as it is written as JSON. Times are
 * UTC to the millisecond with a four-digit proleptic year (1 BC is 0000), as the contract's pattern has them.
 * Reached through a list in the page, which a native build does not follow by itself, so registered for reflection.
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
