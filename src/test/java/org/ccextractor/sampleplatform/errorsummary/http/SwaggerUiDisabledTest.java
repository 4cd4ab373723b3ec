package org.ccextractor.sampleplatform.errorsummary.http;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** QUARKUS_SWAGGER_UI_ENABLED=false (README, "Configuration") switches Swagger UI off at run time; the description stays. */
@ServiceTest
@TestProfile(SwaggerUiDisabledTest.Disabled.class)
class SwaggerUiDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.swagger-ui.enabled", "false");
        }
    }

    @Test
    void swaggerUiIsNotServed() {
        given().get(SwaggerUiTest.UI + "/").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200);
    }
}
