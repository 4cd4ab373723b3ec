package org.ccextractor.sampleplatform.errorsummary.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.benmanes.caffeine.cache.Ticker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;

/** The cache of verified tokens, on smallrye-jwt's real parser and keys, without clock skew unless a test sets one. */
class VerifiedTokensTest {

    record Settings(long maximumSize, Duration maximumAge) implements ErrorSummaryConfig.TokenCache {
    }

    @TempDir
    Path directory;

    LocalKeys keys;
    JWTAuthContextInfo settings;
    SimpleMeterRegistry registry;
    /** The cache's clock, advanced by hand; a token's exp is still checked against the wall clock, as smallrye-jwt does. */
    final FakeTicker ticker = new FakeTicker();

    static final class FakeTicker implements Ticker {
        private long nanos;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long read() {
            return nanos;
        }
    }

    @BeforeEach
    void keys() throws Exception {
        keys = LocalKeys.generate(directory);
        settings = new JWTAuthContextInfo(keys.publicKeys().toAbsolutePath().toString(), LocalKeys.ISSUER);
        settings.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
        settings.setClockSkew(0);
        registry = new SimpleMeterRegistry();
    }

    @Test
    void aValidTokenIsVerifiedOnce() throws Exception {
        VerifiedTokens tokens = tokens(Duration.ofMinutes(5));
        String token = keys.readerToken("alice");
        assertEquals("alice", tokens.verify(token).getSubject());
        assertEquals("alice", tokens.verify(token).getSubject());
        assertEquals(1, verifications());
    }

    @Test
    void aTokenThatExpiresWhileKeptIsRejectedAfterwards() throws Exception {
        // Real time: the token's exp is what ends it, and smallrye-jwt reads the wall clock.
        VerifiedTokens tokens = new VerifiedTokens(new DefaultJWTParser(settings), settings, new Settings(1000, Duration.ofMinutes(5)),
                registry, Ticker.systemTicker());
        JwtClaims claims = LocalKeys.claims("bob", 600, LocalKeys.SCOPE);
        long expiresAt = NumericDate.now().getValue() + 2;
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt));
        String token = keys.sign(claims, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        tokens.verify(token);
        tokens.verify(token);
        assertEquals(1, verifications());

        Thread.sleep(Math.max(0, expiresAt * 1000 + 100 - System.currentTimeMillis()));
        assertThrows(ParseException.class, () -> tokens.verify(token));
        assertEquals(2, verifications());
    }

    /**
     * With a clock skew, the parser accepts a token that long past its exp: a kept one is given out as long, not
     * verified again each time, and refused once the skew has passed too.
     */
    @Test
    void aKeptTokenHonoursTheClockSkew() throws Exception {
        settings.setClockSkew(1);
        VerifiedTokens tokens = new VerifiedTokens(new DefaultJWTParser(settings), settings, new Settings(1000, Duration.ofMinutes(5)),
                registry, Ticker.systemTicker());
        JwtClaims claims = LocalKeys.claims("dave", 600, LocalKeys.SCOPE);
        long expiresAt = NumericDate.now().getValue() + 1;
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt));
        String token = keys.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256);
        tokens.verify(token);

        Thread.sleep(Math.max(0, expiresAt * 1000 + 300 - System.currentTimeMillis()));
        assertEquals("dave", tokens.verify(token).getSubject(), "past exp, within the skew");
        assertEquals(1, verifications(), "kept within the skew");
        Thread.sleep(Math.max(0, (expiresAt + 1) * 1000 + 100 - System.currentTimeMillis()));
        assertThrows(ParseException.class, () -> tokens.verify(token));
        assertEquals(2, verifications());
    }

    @Test
    void aTokenIsKeptNoLongerThanTheMaximumAge() throws Exception {
        VerifiedTokens tokens = tokens(Duration.ofMillis(200));
        String token = keys.readerToken("carol");
        tokens.verify(token);
        ticker.advance(Duration.ofMillis(199));
        tokens.verify(token);
        assertEquals(1, verifications());
        ticker.advance(Duration.ofMillis(1));
        tokens.verify(token);
        assertEquals(2, verifications());
    }

    @Test
    void aRejectedTokenIsNotKept() throws Exception {
        VerifiedTokens tokens = tokens(Duration.ofMinutes(5));
        String foreign = LocalKeys.sign(LocalKeys.claims("mallory", 600, LocalKeys.SCOPE),
                AlgorithmIdentifiers.RSA_USING_SHA256, "local-rsa", LocalKeys.foreignRsaKey());
        assertThrows(ParseException.class, () -> tokens.verify(foreign));
        assertThrows(ParseException.class, () -> tokens.verify(foreign));
        assertEquals(2, verifications());
    }

    private VerifiedTokens tokens(Duration maximumAge) {
        return new VerifiedTokens(new DefaultJWTParser(settings), settings, new Settings(1000, maximumAge), registry, ticker);
    }

    /** Cache misses: each one is a full verification. */
    private long verifications() {
        return (long) registry.get("cache.gets").tag("cache", "verified-tokens").tag("result", "miss")
                .functionCounter().count();
    }
}
