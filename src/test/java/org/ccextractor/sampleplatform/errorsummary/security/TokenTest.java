package org.ccextractor.sampleplatform.errorsummary.security;

import static io.restassured.RestAssured.given;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.keys;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

import org.ccextractor.sampleplatform.errorsummary.local.ErrorSummaryTestResource;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.local.LocalToken;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * Which tokens open the summary: RS256 or ES256 from the issuer, unexpired, with the results:read scope; and a refused
 * one is told why, in details.reason and the challenge (RFC 6750 section 3.1), without its token echoed.
 */
@ServiceTest
class TokenTest {

    /** An unknown run: a token that passes gets 404, one that does not gets 401 or 403. */
    static final String PATH = summaryPath(880_001);
    /** mp.jwt.verify.clock.skew in application.properties (README, "Configuration"). */
    static final long SKEW_SECONDS = 10;

    @Test
    void rs256AndEs256TokensWithTheScopeAreAccepted() {
        for (String algorithm : new String[] { AlgorithmIdentifiers.RSA_USING_SHA256,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256 }) {
            call(keys().sign(LocalKeys.claims("reader", 600, "openid results:read"), algorithm)).then().statusCode(404);
        }
    }

    @Test
    void theScopeMayComeAsAGroup() {
        JwtClaims claims = LocalKeys.claims("reader", 600, null);
        claims.setStringListClaim("groups", "results:read");
        call(keys().sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256)).then().statusCode(404);
    }

    @Test
    void missingTokenIsUnauthorized() {
        assertUnauthorized(given().get(PATH), "missing", null);
        assertUnauthorized(given().header("Authorization", "Basic dXNlcjpwYXNz").get(PATH), "missing", null);
    }

    @Test
    void malformedTokensAreUnauthorized() {
        assertUnauthorized(call("not-a-jwt"), "malformed", "not-a-jwt");
        JwtClaims withoutExp = LocalKeys.claims("reader", 600, LocalKeys.SCOPE);
        withoutExp.unsetClaim("exp");
        String token = keys().sign(withoutExp, AlgorithmIdentifiers.RSA_USING_SHA256);
        assertUnauthorized(call(token), "malformed", token);
    }

    @Test
    void aTokenWithItsSignatureCutIsUnauthorized() {
        String valid = keys().readerToken("reader");
        String cut = valid.substring(0, valid.length() - 10);
        assertUnauthorized(call(cut), "bad_signature", cut);
    }

    @Test
    void expiredTokenIsUnauthorized() {
        String token = keys().sign(expiredSecondsAgo(600), AlgorithmIdentifiers.RSA_USING_SHA256);
        assertUnauthorized(call(token), "expired", token);
    }

    @Test
    void notYetValidTokenIsUnauthorized() {
        String token = keys().sign(validInSeconds(600), AlgorithmIdentifiers.RSA_USING_SHA256);
        assertUnauthorized(call(token), "not_yet_valid", token);
    }

    /** The clock skew allowed (mp.jwt.verify.clock.skew): a token is accepted that long past exp and before nbf, no longer. */
    @Test
    void theClockSkewIsTenSeconds() {
        call(keys().sign(expiredSecondsAgo(SKEW_SECONDS - 5), AlgorithmIdentifiers.RSA_USING_SHA256)).then().statusCode(404);
        String expired = keys().sign(expiredSecondsAgo(SKEW_SECONDS + 5), AlgorithmIdentifiers.RSA_USING_SHA256);
        assertUnauthorized(call(expired), "expired", expired);
        call(keys().sign(validInSeconds(SKEW_SECONDS - 5), AlgorithmIdentifiers.RSA_USING_SHA256)).then().statusCode(404);
        String early = keys().sign(validInSeconds(SKEW_SECONDS + 5), AlgorithmIdentifiers.RSA_USING_SHA256);
        assertUnauthorized(call(early), "not_yet_valid", early);
    }

    @Test
    void aSixteenKilobyteHeaderIsUnauthorized() {
        assertUnauthorized(call("x".repeat(16 * 1024)), "malformed", "x".repeat(100));
    }

    @Test
    void answersCarrySecurityHeadersAndNoBanners() {
        Response response = call(keys().readerToken("reader"));
        response.then().header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        assertEquals(null, response.header("Server"));
        assertEquals(null, response.header("X-Powered-By"));
    }

    @Test
    void tokenSignedByAnotherKeyIsUnauthorized() throws Exception {
        String token = LocalKeys.sign(LocalKeys.claims("reader", 600, LocalKeys.SCOPE),
                AlgorithmIdentifiers.RSA_USING_SHA256, "local-rsa", LocalKeys.foreignRsaKey());
        assertUnauthorized(call(token), "bad_signature", token);
    }

    @Test
    void tokenNamingAnUnknownKeyIsUnauthorized() throws Exception {
        String token = LocalKeys.sign(LocalKeys.claims("reader", 600, LocalKeys.SCOPE),
                AlgorithmIdentifiers.RSA_USING_SHA256, "no-such-key", LocalKeys.foreignRsaKey());
        assertUnauthorized(call(token), "bad_signature", token);
    }

    @Test
    void tokenOfAnotherIssuerIsUnauthorized() {
        JwtClaims claims = LocalKeys.claims("reader", 600, LocalKeys.SCOPE);
        claims.setIssuer("https://attacker.example");
        String token = keys().sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256);
        assertUnauthorized(call(token), "wrong_issuer", token);
    }

    /** Of another issuer and expired: the issuer is named, as the token is not meant for this service at all. */
    @Test
    void tokenOfAnotherIssuerThatExpiredIsOfTheWrongIssuer() {
        JwtClaims claims = expiredSecondsAgo(600);
        claims.setIssuer("https://attacker.example");
        String token = keys().sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256);
        assertUnauthorized(call(token), "wrong_issuer", token);
    }

    @Test
    void unsignedTokenIsUnauthorized() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(LocalKeys.claims("reader", 600, LocalKeys.SCOPE).toJson()
                .getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(call(header + "." + payload + "."), "bad_signature", payload);
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsUnauthorized() throws Exception {
        byte[] publicKey = keys().publicKeysJson().getBytes(StandardCharsets.UTF_8);
        String token = LocalKeys.sign(LocalKeys.claims("reader", 600, LocalKeys.SCOPE),
                AlgorithmIdentifiers.HMAC_SHA256, "local-rsa", new HmacKey(publicKey));
        assertUnauthorized(call(token), "bad_signature", token);
    }

    @Test
    void tokenWithoutTheScopeIsForbidden() {
        Response response = call(keys().sign(LocalKeys.claims("reader", 600, "openid results:write"),
                AlgorithmIdentifiers.RSA_USING_SHA256));
        JsonNode body = json(response.then().statusCode(403).contentType("application/json")
                .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"results:read\"")
                .extract().response());
        Contract.assertValid(Contract.ERROR, body);
        assertEquals("forbidden", body.path("code").asText());
        assertEquals("results:read", body.path("details").path("required_scope").asText());
    }

    /** The run command's token command: what it mints is accepted or refused as its options say. */
    @Test
    void theLocalTokenCommandsTokensAreAcceptedOrRefusedAsAsked() throws Exception {
        String keys = ConfigProvider.getConfig().getValue(ErrorSummaryTestResource.KEYS_DIR, String.class);
        call(LocalToken.mint(List.of("--keys", keys, "--subject", "alice", "--scope", "results:read", "--lifetime", "60s")))
                .then().statusCode(404);
        call(LocalToken.mint(List.of("--keys", keys, "--subject", "alice", "--scope", "results:write", "--lifetime", "60s")))
                .then().statusCode(403);
        String expired = LocalToken.mint(List.of("--keys", keys, "--subject", "alice", "--lifetime", "-2m"));
        assertUnauthorized(call(expired), "expired", expired);
    }

    private static Response call(String token) {
        return given().header("Authorization", "Bearer " + token).get(PATH);
    }

    /** Claims that expired {@code seconds} ago (issued ten minutes before). */
    private static JwtClaims expiredSecondsAgo(long seconds) {
        JwtClaims claims = LocalKeys.claims("reader", 600, LocalKeys.SCOPE);
        long now = NumericDate.now().getValue();
        claims.setExpirationTime(NumericDate.fromSeconds(now - seconds));
        claims.setIssuedAt(NumericDate.fromSeconds(now - seconds - 600));
        return claims;
    }

    /** Claims valid from {@code seconds} from now (nbf), for an hour. */
    private static JwtClaims validInSeconds(long seconds) {
        JwtClaims claims = LocalKeys.claims("reader", 3600, LocalKeys.SCOPE);
        claims.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + seconds));
        return claims;
    }

    /**
     * 401 {@code unauthorized} naming the reason in the body and, for a token that was sent, in the challenge (RFC 6750
     * section 3.1: {@code invalid_token}; without a token, the scheme alone); {@code sent}, a part of the token, appears
     * nowhere in the answer.
     */
    static void assertUnauthorized(Response response, String reason, String sent) {
        JsonNode body = json(response.then().statusCode(401).contentType("application/json").extract().response());
        Contract.assertValid(Contract.UNAUTHORIZED, body);
        assertEquals("unauthorized", body.path("code").asText());
        assertEquals(reason, body.path("details").path("reason").asText(), body::toString);
        String challenge = response.header("WWW-Authenticate");
        if (reason.equals("missing")) {
            assertEquals("Bearer", challenge);
        } else {
            assertTrue(challenge.startsWith("Bearer error=\"invalid_token\", error_description=\""), challenge);
        }
        if (sent != null) {
            assertFalse(response.asString().contains(sent), response::asString);
            assertFalse(challenge.contains(sent), challenge);
        }
    }
}
