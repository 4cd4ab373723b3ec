package org.ccextractor.sampleplatform.errorsummary.testing;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.ccextractor.sampleplatform.errorsummary.local.ErrorSummaryTestResource;
import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;

/** What the tests share: the keys and topic of the test resource, and calls of the API. */
public final class TestApi {

    private static LocalKeys keys;

    private TestApi() {
    }

    public static synchronized LocalKeys keys() {
        if (keys == null) {
            try {
                keys = LocalKeys.load(Path.of(config(ErrorSummaryTestResource.KEYS_DIR)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    public static String readerToken() {
        return keys().readerToken("test-user");
    }

    /** A producer on the service's topic; every event it sends is first checked against the event schema. */
    public static EventPublisher publisher() {
        return new EventPublisher(config("kafka.bootstrap.servers"), config("mp.messaging.incoming.error-events.topic"));
    }

    public static RequestSpecification authorized() {
        return given().auth().oauth2(readerToken());
    }

    public static String summaryPath(Object runId) {
        return "/api/v1/runs/" + runId + "/error-summary";
    }

    public static JsonNode json(Response response) {
        try {
            return Events.JSON.readTree(response.asByteArray());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
