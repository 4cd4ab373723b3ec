package org.ccextractor.sampleplatform.errorsummary.problem;

import static org.awaitility.Awaitility.await;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/** Accept is read as RFC 9110 section 12.5.1 says: a weight of 0 makes a type not acceptable. */
@ServiceTest
class AcceptTest {

    static final long RUN = 880_006;

    private static boolean known;

    /** Once per test class, in the running service (a static @BeforeAll may run before it starts). */
    static synchronized void runIsKnown() {
        if (known) {
            return;
        }
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send(Events.runCreated("accept-1", RUN, Instant.parse("2026-11-28T12:00:00Z")));
            publisher.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> authorized().get(summaryPath(RUN)).statusCode() == 200);
        known = true;
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json;q=0", "application/json;q=0, text/html", "text/html, application/json; q=0",
            "*/*;q=0", "application/*;q=0", "application/json;q=0.000", "application/json;Q=0.0",
            "*/*, application/json;q=0", "application/*, application/json;q=0" })
    void aTypeOfWeightZeroIsNotAcceptable(String accept) {
        runIsKnown();
        Response response = authorized().accept(accept).get(summaryPath(RUN));
        response.then().statusCode(406).contentType("application/json");
        JsonNode body = json(response);
        Contract.assertValid(Contract.ERROR, body);
        assertEquals("not_acceptable", body.path("code").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "application/json;q=0.5", "application/json;q=0.001", "*/*",
            "text/html;q=0, */*", "*/*;q=0, application/json", "application/*;q=0, application/json;q=0.1",
            "text/html, application/*;q=0.2" })
    void aTypeOfAnyOtherWeightIsServed(String accept) {
        runIsKnown();
        authorized().accept(accept).get(summaryPath(RUN)).then().statusCode(200).contentType("application/json");
    }
}
