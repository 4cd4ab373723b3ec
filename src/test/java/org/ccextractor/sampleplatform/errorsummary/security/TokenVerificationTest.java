package org.ccextractor.sampleplatform.errorsummary.security;

import static io.restassured.RestAssured.given;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.keys;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * A bearer token is verified at most once per request (the rate-limit filter's verification serves
 * authentication too) and not again while it stays valid; a kept token is refused once it expires. With
 * a clock skew of one second, so that an expired token is refused soon after it expires.
 */
@ServiceTest
@TestProfile(TokenVerificationTest.WithoutClockSkew.class)
class TokenVerificationTest {

    /** The least clock skew smallrye-jwt can be given (0 means its default, 60 s). */
    static final long SKEW_SECONDS = 1;

    /** An unknown run: a token that passes gets 404. */
    static final String PATH = summaryPath(880_003);

    public static class WithoutClockSkew implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.clock.skew", Long.toString(SKEW_SECONDS));
        }
    }

    @Test
    void aValidTokenIsVerifiedOnceAndNotAgainWhileItIsValid() {
        String token = keys().readerToken("verified-once-" + UUID.randomUUID());
        long before = CountingJwtParser.verifications();
        call(token).then().statusCode(404);
        assertEquals(1, CountingJwtParser.verifications() - before, "verifications for the first request");
        call(token).then().statusCode(404);
        call(token).then().statusCode(404);
        assertEquals(1, CountingJwtParser.verifications() - before, "verifications for three requests");
    }

    @Test
    void aRejectedTokenIsVerifiedOncePerRequest() throws Exception {
        String foreign = LocalKeys.sign(LocalKeys.claims("reader", 600, LocalKeys.SCOPE),
                AlgorithmIdentifiers.RSA_USING_SHA256, "local-rsa", LocalKeys.foreignRsaKey());
        long before = CountingJwtParser.verifications();
        TokenTest.assertUnauthorized(call(foreign), "bad_signature", foreign);
        TokenTest.assertUnauthorized(call(foreign), "bad_signature", foreign);
        assertEquals(2, CountingJwtParser.verifications() - before, "verifications for two requests");
    }

    @Test
    void aKeptTokenWithoutTheScopeStaysForbidden() {
        String token = keys().sign(LocalKeys.claims("no-scope-" + UUID.randomUUID(), 600, "openid"),
                AlgorithmIdentifiers.RSA_USING_SHA256);
        call(token).then().statusCode(403).body("code", org.hamcrest.Matchers.equalTo("forbidden"));
        call(token).then().statusCode(403).body("code", org.hamcrest.Matchers.equalTo("forbidden"));
    }

    @Test
    void aTokenThatExpiresWhileKeptIsUnauthorizedAfterwards() throws InterruptedException {
        // A first request warms the application up, so that the short-lived token is used before it expires.
        call(keys().readerToken("warm-up")).then().statusCode(404);
        JwtClaims claims = LocalKeys.claims("expiring-" + UUID.randomUUID(), 600, LocalKeys.SCOPE);
        long expiresAt = NumericDate.now().getValue() + 4;
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt));
        String token = keys().sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256);
        long before = CountingJwtParser.verifications();
        call(token).then().statusCode(404);
        call(token).then().statusCode(404);
        assertEquals(1, CountingJwtParser.verifications() - before, "kept after its first request");

        long wait = (expiresAt + SKEW_SECONDS) * 1000 + 100 - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        TokenTest.assertUnauthorized(call(token), "expired", token);
        TokenTest.assertUnauthorized(call(token), "expired", token);
    }

    private static Response call(String token) {
        return given().header("Authorization", "Bearer " + token).get(PATH);
    }
}
