package org.ccextractor.sampleplatform.errorsummary.security;

import static io.restassured.RestAssured.given;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.keys;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** Which tokens open the summary: RS256 or ES256 from the issuer, unexpired, with the results:read scope. */
@ServiceTest
class TokenTest {

    /** An unknown run: a token that passes gets 404, one that does not gets 401 or 403. */
    static final String PATH = summaryPath(880_001);

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
        assertUnauthorized(given().get(PATH));
    }

    @Test
    void malformedTokensAreUnauthorized() {
        assertUnauthorized(call("not-a-jwt"));
        String valid = keys().readerToken("reader");
        assertUnauthorized(call(valid.substring(0, valid.length() - 10)));
        assertUnauthorized(given().header("Authorization", "Basic dXNlcjpwYXNz").get(PATH));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        JwtClaims claims = LocalKeys.claims("reader", 600, LocalKeys.SCOPE);
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 1200));
        assertUnauthorized(call(keys().sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256)));
    }

    @Test
    void notYetValidTokenIsUnauthorized() {
        JwtClaims claims = LocalKeys.claims("reader", 3600, LocalKeys.SCOPE);
        claims.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
        assertUnauthorized(call(keys().sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256)));
    }

    @Test
    void aSixteenKilobyteHeaderIsUnauthorized() {
        assertUnauthorized(call("x".repeat(16 * 1024)));
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
        assertUnauthorized(call(LocalKeys.sign(LocalKeys.claims("reader", 600, LocalKeys.SCOPE),
                AlgorithmIdentifiers.RSA_USING_SHA256, "local-rsa", LocalKeys.foreignRsaKey())));
    }

    @Test
    void tokenOfAnotherIssuerIsUnauthorized() {
        JwtClaims claims = LocalKeys.claims("reader", 600, LocalKeys.SCOPE);
        claims.setIssuer("https://attacker.example");
        assertUnauthorized(call(keys().sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256)));
    }

    @Test
    void unsignedTokenIsUnauthorized() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(LocalKeys.claims("reader", 600, LocalKeys.SCOPE).toJson()
                .getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(call(header + "." + payload + "."));
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsUnauthorized() throws Exception {
        byte[] publicKey = keys().publicKeysJson().getBytes(StandardCharsets.UTF_8);
        assertUnauthorized(call(LocalKeys.sign(LocalKeys.claims("reader", 600, LocalKeys.SCOPE),
                AlgorithmIdentifiers.HMAC_SHA256, "local-rsa", new HmacKey(publicKey))));
    }

    @Test
    void tokenWithoutTheScopeIsForbidden() {
        Response response = call(keys().sign(LocalKeys.claims("reader", 600, "openid results:write"),
                AlgorithmIdentifiers.RSA_USING_SHA256));
        JsonNode body = json(response.then().statusCode(403).contentType("application/json").extract().response());
        Contract.assertValid(Contract.ERROR, body);
        assertEquals("forbidden", body.path("code").asText());
        assertEquals("results:read", body.path("details").path("required_scope").asText());
    }

    private static Response call(String token) {
        return given().header("Authorization", "Bearer " + token).get(PATH);
    }

    private static void assertUnauthorized(Response response) {
        JsonNode body = json(response.then().statusCode(401).contentType("application/json")
                .header("WWW-Authenticate", "Bearer").extract().response());
        Contract.assertValid(Contract.ERROR, body);
        assertEquals("{\"code\":\"unauthorized\",\"message\":\"Bearer token is missing, expired, or invalid.\",\"details\":{}}",
                body.toString());
    }
}
