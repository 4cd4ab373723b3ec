package org.ccextractor.sampleplatform.errorsummary.problem;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/**
 * The body of every error response: a snake_case {@code code}, a sentence for people and a
 * {@code details} object that is never null. Written inside a {@code Response}, and by route filters and router
 * handlers ({@link #send}), where a native build cannot see it, so registered for reflection.
 */
@RegisterForReflection
public record Problem(String code, String message, Map<String, Object> details) {

    public Problem {
        details = details == null ? Map.of() : details;
    }

    public static Problem of(String code, String message) {
        return new Problem(code, message, Map.of());
    }

    /** Answers with this body where no REST layer writes it: in a route filter or a router's handler. */
    public void send(HttpServerResponse response, int status) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Json.encode(this));
    }
}
