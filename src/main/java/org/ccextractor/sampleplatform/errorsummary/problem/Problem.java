package org.ccextractor.sampleplatform.errorsummary.problem;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of every error response: a snake_case {@code code}, a sentence for people and a
 * {@code details} object that is never null. Written inside a {@code Response} and by the rate limit filter, where
 * a native build cannot see it, so registered for reflection.
 */
@RegisterForReflection
public record Problem(String code, String message, Map<String, Object> details) {

    public Problem {
        details = details == null ? Map.of() : details;
    }

    public static Problem of(String code, String message) {
        return new Problem(code, message, Map.of());
    }
}
