package org.ccextractor.sampleplatform.errorsummary.problem;

import static io.restassured.RestAssured.given;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.keys;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * Refusals (401, 403, 429) are logged once per client and reason, however often they repeat, all together no more
 * than the cap, and never with the token. A limit of {@value #LIMIT} requests a window, so that a client reaches it.
 */
@ServiceTest
@TestProfile(RefusalLogTest.SmallLimit.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefusalLogTest {

    static final int LIMIT = 4;
    /** An unknown run: an accepted request gets 404. */
    static final String PATH = summaryPath(880_007);

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("error-summary.rate-limit.requests", Integer.toString(LIMIT));
        }
    }

    final List<String> lines = new CopyOnWriteArrayList<>();
    final Logger logger = Logger.getLogger(Refusals.class.getName());
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // io.quarkus.logging.Log's *f methods log printf formats
            lines.add(record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(handler);
    }

    @AfterEach
    void release() {
        logger.removeHandler(handler);
    }

    @Test
    @Order(1)
    void aRepeatedRefusalIsLoggedOnceAndWithoutItsToken() {
        // 401 from an address: three times the same expired token, then no token (another reason, its own line).
        JwtClaims claims = LocalKeys.claims("expired-" + UUID.randomUUID(), 600, LocalKeys.SCOPE);
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 1200));
        String expired = keys().sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256);
        for (int i = 0; i < 3; i++) {
            call(expired).then().statusCode(401);
        }
        given().get(PATH).then().statusCode(401);
        // 403 and then 429 for a subject: the limit's requests refused, then more over it.
        String subject = "no-scope-" + UUID.randomUUID();
        String noScope = keys().sign(LocalKeys.claims(subject, 600, "openid"), AlgorithmIdentifiers.RSA_USING_SHA256);
        for (int i = 0; i < LIMIT; i++) {
            call(noScope).then().statusCode(403);
        }
        for (int i = 0; i < 3; i++) {
            call(noScope).then().statusCode(429);
        }

        assertEquals(1, count("401 expired"), lines::toString);
        assertEquals(1, count("401 missing"), lines::toString);
        assertEquals(1, count("subject:" + subject + ": 403 insufficient_scope"), lines::toString);
        assertEquals(1, count("subject:" + subject + ": 429 rate_limited"), lines::toString);
        assertTrue(lines.stream().filter(l -> l.contains("401")).allMatch(l -> l.contains("address:")), lines::toString);
        for (String token : List.of(expired, noScope)) {
            for (String part : token.split("\\.")) {
                assertTrue(lines.stream().noneMatch(l -> l.contains(part)), () -> "a part of a token in " + lines);
            }
        }
    }

    /**
     * However many clients a sender makes up, the lines stay under the cap: its lines, and those that came back while
     * the test ran (the cap refills gradually). Last, as it spends the cap.
     */
    @Test
    @Order(2)
    void theLinesOfManyClientsAreCapped() {
        int clients = 2 * Refusals.LINES_PER_QUIET;
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            call(keys().sign(LocalKeys.claims("client-" + i + "-" + UUID.randomUUID(), 600, "openid"),
                    AlgorithmIdentifiers.RSA_USING_SHA256)).then().statusCode(403);
        }
        long quietMillis = Refusals.QUIET.toMillis();
        long refilled = ((System.nanoTime() - started) / 1_000_000 * Refusals.LINES_PER_QUIET + quietMillis - 1) / quietMillis;
        long logged = lines.stream().filter(l -> l.contains("403 insufficient_scope")).count();
        assertTrue(logged > 0, lines::toString);
        assertTrue(logged <= Refusals.LINES_PER_QUIET + refilled, () -> logged + " lines for " + clients + " clients");
    }

    private long count(String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }

    private static io.restassured.response.Response call(String token) {
        return given().header("Authorization", "Bearer " + token).get(PATH);
    }
}
