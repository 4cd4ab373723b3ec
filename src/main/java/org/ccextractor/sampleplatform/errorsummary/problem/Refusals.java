package org.ccextractor.sampleplatform.errorsummary.problem;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.quarkus.logging.Log;
import io.vertx.ext.web.RoutingContext;

/**
 * Logs the requests refused for who sent them (401, 403, 429), so that an operator can see which client is refused
 * and why, without a client being able to flood the log: a client (its token's subject, else its address, as the rate
 * limit counts it) and reason are logged at most once per {@link #QUIET} (Caffeine keeps those logged, at most
 * {@value #CLIENTS_KEPT}), and all refusals together at most {@value #LINES_PER_QUIET} lines per {@link #QUIET} (a
 * Bucket4j bucket), however many clients a sender makes up. Every refusal, logged or not, is counted in the HTTP server
 * metrics by status. A line never holds the token, only what the service derived from it.
 */
@ApplicationScoped
public class Refusals {

    /** How long the same refusal of the same client stays unlogged after it was logged once. */
    static final Duration QUIET = Duration.ofMinutes(1);
    static final int LINES_PER_QUIET = 100;
    static final int CLIENTS_KEPT = 10_000;

    private static final String CLIENT = Refusals.class.getName() + ".client";

    /** A refusal as it is logged: the client, the status and why. */
    private record Refusal(String client, int status, String reason) {
    }

    private final Cache<Refusal, Boolean> logged = Caffeine.newBuilder()
            .maximumSize(CLIENTS_KEPT)
            .expireAfterWrite(QUIET)
            .build();
    private final Bucket lines = Bucket.builder()
            .addLimit(limit -> limit.capacity(LINES_PER_QUIET).refillGreedy(LINES_PER_QUIET, QUIET))
            .build();

    /**
     * Names the client a request counts against, e.g. {@code subject:alice} or {@code address:192.0.2.7}: set by the
     * rate limit, which decides it for every request of the API before anything else runs.
     */
    public static void identify(RoutingContext context, String client) {
        context.put(CLIENT, client);
    }

    /** Logs the refusal unless the same client was refused for the same reason within {@link #QUIET}, or the cap is reached. */
    public void refused(RoutingContext context, int status, String reason) {
        String client = context.get(CLIENT);
        Refusal refusal = new Refusal(client != null ? client : "address:" + context.request().remoteAddress().hostAddress(),
                status, reason);
        if (logged.asMap().putIfAbsent(refusal, Boolean.TRUE) == null && lines.tryConsume(1)) {
            Log.infof("Refused %s: %d %s (logged once a minute per client and reason)", refusal.client(), status, reason);
        }
    }
}
