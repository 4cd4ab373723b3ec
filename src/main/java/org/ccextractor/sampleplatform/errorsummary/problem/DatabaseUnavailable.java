package org.ccextractor.sampleplatform.errorsummary.problem;

import java.time.Duration;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;

import org.ccextractor.sampleplatform.errorsummary.counters.StorageErrors;

/**
 * PostgreSQL cannot answer a request: it did not in time, or cannot be reached. Answered 503 {@code unavailable} with
 * Retry-After ({@link ProblemMappers}, and the rate limit's filter, which runs before the REST layer).
 */
public class DatabaseUnavailable extends RuntimeException {

    /** A database that is down or restarting is usually back, or its replica out of the Service, within seconds. */
    public static final long RETRY_AFTER_SECONDS = 5;
    public static final int STATUS = 503;
    public static final Problem PROBLEM = new Problem("unavailable",
            "The database is not answering. Retry after " + RETRY_AFTER_SECONDS + " seconds.",
            Map.of("retry_after", RETRY_AFTER_SECONDS));

    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /**
     * {@code database} failing with this when it has no item within {@code timeout}, or when it fails because the
     * database cannot be reached; its other failures pass unchanged.
     */
    public static <T> Uni<T> within(Duration timeout, Uni<T> database) {
        return database
                .ifNoItem().after(timeout).failWith(() -> new DatabaseUnavailable("no answer within " + timeout, null))
                .onFailure(StorageErrors::unreachable).transform(e -> new DatabaseUnavailable(e.getMessage(), e));
    }

    /** Answers where no REST layer writes the response: in a route filter. */
    public static void send(HttpServerResponse response) {
        response.putHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
        PROBLEM.send(response, STATUS);
    }
}
