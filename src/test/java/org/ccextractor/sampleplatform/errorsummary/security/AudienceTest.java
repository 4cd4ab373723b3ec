package org.ccextractor.sampleplatform.errorsummary.security;

import static io.restassured.RestAssured.given;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.keys;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;

import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** With an audience configured, a token must name it, or it is refused as {@code wrong_audience}. */
@ServiceTest
@TestProfile(AudienceTest.WithAudience.class)
class AudienceTest {

    public static class WithAudience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.audiences", "error-summary");
        }
    }

    @Test
    void aTokenForTheConfiguredAudienceIsAccepted() {
        call(withAudience("error-summary")).then().statusCode(404);
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIsUnauthorized() {
        String another = withAudience("another-service");
        TokenTest.assertUnauthorized(call(another), "wrong_audience", another);
        String none = keys().readerToken("reader");
        TokenTest.assertUnauthorized(call(none), "wrong_audience", none);
    }

    private static String withAudience(String audience) {
        JwtClaims claims = LocalKeys.claims("reader", 600, LocalKeys.SCOPE);
        claims.setAudience(audience);
        return keys().sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    private static io.restassured.response.Response call(String token) {
        return given().header("Authorization", "Bearer " + token).get(summaryPath(880_002));
    }
}
