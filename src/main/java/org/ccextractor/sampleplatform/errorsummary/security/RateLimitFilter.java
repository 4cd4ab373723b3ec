package org.ccextractor.sampleplatform.errorsummary.security;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.vertx.web.RouteFilter;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.problem.DatabaseUnavailable;
import org.ccextractor.sampleplatform.errorsummary.problem.Problem;
import org.ccextractor.sampleplatform.errorsummary.problem.Refusals;

/**
 * Rate limits every request of the API before anything else runs, so that guessing tokens is throttled
 * too: per token subject when the bearer token verifies, else per client address. Every API response the limiter
 * decided carries the X-RateLimit headers; a request over the limit gets the contract's 429, and one it cannot decide
 * (its database unreachable, or not answering within the JDBC pool's timeouts) a 503 without them. The outcome of the
 * token's verification stays with the request for authentication ({@link CheckedTokenIdentityProvider}).
 * <p>
 * The token is read as authentication reads it ({@link BearerToken}, for {@link BearerTokenMechanism}), so the
 * filter keys and verifies exactly the text that authentication is handed, for every spelling a client sends; a
 * second reading of the header could accept a token that authentication then rejects, or verify it twice.
 * <p>
 * The client address is the connection's peer, or behind {@code trusted-proxy-hops} proxies the address the
 * outermost of them appended to X-Forwarded-For ({@link #address}). The client, as counted, names the request's
 * refusals in the log ({@link Refusals}).
 */
public class RateLimitFilter {

    static final String API = "/api/";
    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final RateLimiter limiter;
    private final VerifiedTokens tokens;
    private final JWTAuthContextInfo jwt;
    private final Refusals refusals;
    private final String window;
    private final int trustedProxyHops;

    public RateLimitFilter(RateLimiter limiter, VerifiedTokens tokens, JWTAuthContextInfo jwt, Refusals refusals,
            ErrorSummaryConfig config) {
        this.limiter = limiter;
        this.tokens = tokens;
        this.jwt = jwt;
        this.refusals = refusals;
        this.window = config.rateLimit().window().toSeconds() + "s";
        this.trustedProxyHops = config.rateLimit().trustedProxyHops();
    }

    /** Before authentication (whose filters have lower priorities) and the REST layer. */
    @RouteFilter(1000)
    void limit(RoutingContext context) {
        if (!context.normalizedPath().startsWith(API)) {
            context.next();
            return;
        }
        String client = client(context);
        Refusals.identify(context, client);
        context.vertx().executeBlocking(() -> limiter.take(client), false).onComplete(result -> {
            if (result.failed()) {
                // Without its store the limiter cannot decide: closed, so that an outage of the database cannot
                // lift the limit; the summary would need the same database anyway.
                Log.warnf("Rate limit not checked for %s: %s", client, result.cause().getMessage());
                DatabaseUnavailable.send(context.response());
                return;
            }
            RateLimiter.Decision decision = result.result();
            context.response()
                    .putHeader("X-RateLimit-Limit", Long.toString(decision.limit()))
                    .putHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()))
                    .putHeader("X-RateLimit-Reset", Long.toString(decision.resetEpochSecond()));
            if (decision.allowed()) {
                context.next();
                return;
            }
            refusals.refused(context, 429, "rate_limited");
            long retryAfter = decision.retryAfterSeconds();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("retry_after", retryAfter);
            details.put("limit", decision.limit());
            details.put("window", window);
            context.response().putHeader("Retry-After", Long.toString(retryAfter));
            new Problem("rate_limited", "Rate limit exceeded. Retry after " + retryAfter + " seconds.", details)
                    .send(context.response(), 429);
        });
    }

    private String client(RoutingContext context) {
        String token = BearerToken.of(jwt, context);
        if (token != null) {
            try {
                JsonWebToken verified = tokens.verify(token);
                new CheckedToken(token, verified, null).attachTo(context);
                return "subject:" + verified.getSubject();
            } catch (ParseException invalid) {
                // an invalid token counts against its sender's address
                new CheckedToken(token, null, invalid).attachTo(context);
            } catch (RuntimeException unexpected) {
                // not recorded: authentication verifies this token itself
            }
        }
        return "address:" + address(context.request());
    }

    /**
     * Each proxy appends the address it was connected from to X-Forwarded-For (its several header lines one
     * comma-separated list, RFC 9110 section 5.3), so with {@code n} trusted proxies in front the {@code n}th entry
     * from the right is the address the outermost one saw; the entries left of it are whatever the client wrote.
     * With fewer entries, every one was appended by a trusted proxy, and the leftmost is the farthest seen. Quarkus'
     * own forwarding (quarkus.http.proxy.*) takes the leftmost entry, which the client chooses, so the peer is read
     * from the connection, which that forwarding does not rewrite.
     */
    private String address(HttpServerRequest request) {
        String peer = request.connection().remoteAddress().hostAddress();
        if (trustedProxyHops == 0) {
            return peer;
        }
        List<String> entries = request.headers().getAll(X_FORWARDED_FOR).stream()
                .flatMap(line -> Arrays.stream(line.split(",", -1))).map(String::trim).toList();
        return entries.isEmpty() ? peer : entries.get(Math.max(0, entries.size() - trustedProxyHops));
    }
}
