package org.ccextractor.sampleplatform.errorsummary.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;

/**
 * Verifies bearer tokens with smallrye-jwt's parser (the configured key, issuer, algorithms and times) and
 * keeps those that verified, by their raw text: the signature check is most of a summary read's CPU, and a
 * client sends the same token again and again. A kept token is given out only until its {@code exp} plus the
 * clock skew the parser allows ({@code mp.jwt.verify.clock.skew}), or the end of its configured maximum age,
 * never later, so it stops being accepted exactly when a re-verified one would; after that the parser decides
 * again. Rejected tokens are not kept.
 * <p>
 * The keys are read once (a PEM or JWKS file); a JWKS URL is re-read by smallrye-jwt, and a token whose
 * key it withdraws stays accepted for up to {@code error-summary.auth.token-cache.maximum-age}.
 * The counts are in {@code cache_gets_total{cache="verified-tokens"}} (a miss is a verification).
 */
@ApplicationScoped
public class VerifiedTokens {

    /** A verified token and the wall-clock instant until which it may be given out. */
    private record Verified(JsonWebToken token, long untilMillis) {
    }

    private final JWTParser parser;
    private final long clockSkewSeconds;
    private final Long tokenAgeSeconds;
    private final Cache<String, Verified> verified;

    @Inject
    public VerifiedTokens(JWTParser parser, JWTAuthContextInfo settings, ErrorSummaryConfig config, MeterRegistry registry) {
        this(parser, settings, config.auth().tokenCache(), registry, Ticker.systemTicker());
    }

    /** @param ticker the cache's clock for the maximum age (tests advance their own) */
    VerifiedTokens(JWTParser parser, JWTAuthContextInfo settings, ErrorSummaryConfig.TokenCache cache,
            MeterRegistry registry, Ticker ticker) {
        this.parser = parser;
        this.clockSkewSeconds = settings.getClockSkew();
        this.tokenAgeSeconds = settings.getTokenAge();
        long maximumAgeNanos = cache.maximumAge().toNanos();
        this.verified = Caffeine.newBuilder()
                .maximumSize(cache.maximumSize())
                .expireAfter(Expiry.<String, Verified> creating((token, entry) -> Duration.ofNanos(Math.min(maximumAgeNanos,
                        Math.max(0, entry.untilMillis() - System.currentTimeMillis()) * 1_000_000))))
                .ticker(ticker)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, verified, "verified-tokens");
    }

    /** The verified token, from the cache or from a full verification; ParseException if it does not verify. */
    public JsonWebToken verify(String token) throws ParseException {
        Verified entry = verified.getIfPresent(token);
        // The cache's own expiry runs on System.nanoTime; exp is checked against the wall clock, as the
        // parser does, so that a wall clock stepped forward cannot leave an expired token in use.
        if (entry != null && System.currentTimeMillis() < entry.untilMillis()) {
            return entry.token();
        }
        JsonWebToken fresh = parser.parse(token);
        long untilMillis = untilMillis(fresh);
        if (untilMillis > System.currentTimeMillis()) {
            verified.put(token, new Verified(fresh, untilMillis));
        }
        return fresh;
    }

    /**
     * exp plus the clock skew, as the parser (jose4j) accepts it, or earlier when a maximum token age
     * (mp.jwt.verify.token.age, which smallrye-jwt checks without the skew) ends sooner. Without exp, the skew alone:
     * a time long past, so the token is never kept.
     */
    private long untilMillis(JsonWebToken token) {
        long until = token.getExpirationTime() + clockSkewSeconds;
        if (tokenAgeSeconds != null && token.getIssuedAtTime() > 0) {
            until = Math.min(until, token.getIssuedAtTime() + tokenAgeSeconds);
        }
        return until * 1000;
    }
}
