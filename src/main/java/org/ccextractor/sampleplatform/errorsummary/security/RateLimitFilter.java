package org.ccextractor.sampleplatform.errorsummary.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.vertx.web.RouteFilter;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.problem.Problem;

/**
 * Rate limits every request of the API before anything else runs, so that guessing tokens is throttled
 * too: per token subject when the bearer token verifies, else per client address. Every API response
 * carries the X-RateLimit headers; a request over the limit gets the contract's 429. The outcome of the
 * token's verification stays with the request for authentication ({@link CheckedTokenIdentityProvider}).
 */
public class RateLimitFilter {

    static final String API = "/api/";

    private final RateLimiter limiter;
    private final VerifiedTokens tokens;
    private final String window;

    public RateLimitFilter(RateLimiter limiter, VerifiedTokens tokens, ErrorSummaryConfig config) {
        this.limiter = limiter;
        this.tokens = tokens;
        this.window = config.rateLimit().window().toSeconds() + "s";
    }

    /** Before authentication (whose filters have lower priorities) and the REST layer. */
    @RouteFilter(1000)
    void limit(RoutingContext context) {
        if (!context.normalizedPath().startsWith(API)) {
            context.next();
            return;
        }
        String client = client(context);
        context.vertx().executeBlocking(() -> limiter.take(client), false).onComplete(result -> {
            if (result.failed()) {
                // Without its store the limiter cannot decide; the request goes on rather than fail.
                Log.warnf("Rate limit not checked for %s: %s", client, result.cause().getMessage());
                context.next();
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
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
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
        return "address:" + context.request().remoteAddress().hostAddress();
    }
}
