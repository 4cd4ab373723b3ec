package org.ccextractor.sampleplatform.errorsummary.security;

import static io.restassured.RestAssured.given;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * Behind one trusted proxy, with the forwarding settings a deployment behind a proxy has, the client of the rate
 * limit is the address that proxy appended to X-Forwarded-For (the rightmost entry), whatever a client wrote before it.
 */
@ServiceTest
@TestProfile(ForwardedForTest.BehindOneProxy.class)
class ForwardedForTest {

    static final int LIMIT = 3;
    static final String PATH = summaryPath(880_005);

    public static class BehindOneProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("error-summary.rate-limit.requests", Integer.toString(LIMIT),
                    "error-summary.rate-limit.trusted-proxy-hops", "1",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Test
    void rotatingTheLeftmostEntriesIsOneClient() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            statuses.add(given().header("X-Forwarded-For", "198.51.100." + i + ", 192.0.2." + i + ", 203.0.113.10")
                    .get(PATH).statusCode());
        }
        assertEquals(List.of(401, 401, 401, 429, 429, 429, 429, 429), statuses);
    }

    @Test
    void eachAddressTheProxyAppendedIsAClientOfItsOwn() {
        for (int i = 0; i < LIMIT; i++) {
            given().header("X-Forwarded-For", "198.51.100.1, 203.0.113.20").get(PATH).then().statusCode(401);
        }
        given().header("X-Forwarded-For", "198.51.100.1, 203.0.113.20").get(PATH).then().statusCode(429);
        given().header("X-Forwarded-For", "198.51.100.1, 203.0.113.21").get(PATH).then().statusCode(401);
    }
}
