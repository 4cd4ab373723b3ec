package org.ccextractor.sampleplatform.errorsummary.http;

import static io.restassured.RestAssured.given;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * Swagger UI is served next to the API description, on it, in every profile (application.properties), so the API can
 * be tried in a browser: the page and everything it loads, the description's bearer scheme for "Authorize", and a
 * server that is this service for "Try it out".
 */
@ServiceTest
class SwaggerUiTest {

    static final String UI = "/q/swagger-ui";
    /** A script or style sheet the page loads from the service itself. */
    static final Pattern LOCAL_ASSET = Pattern.compile("(?:src|href)=\"([^\":]+\\.(?:js|css))\"");

    @Test
    void thePageAndWhatItLoadsAreServed() {
        given().redirects().follow(false).get(UI).then().statusCode(302).header("Location", UI + "/");
        Response page = given().get(UI + "/").then().statusCode(200).contentType("text/html").extract().response();
        String html = page.asString();
        assertTrue(html.contains("/q/openapi"), "the page reads the served description");
        List<String> assets = new ArrayList<>();
        Matcher asset = LOCAL_ASSET.matcher(html);
        while (asset.find()) {
            assets.add(asset.group(1));
        }
        assertFalse(assets.isEmpty(), html);
        for (String path : assets) {
            String absolute = path.startsWith("/") ? path : UI + "/" + path;
            assertEquals(200, given().get(absolute).statusCode(), absolute);
        }
    }

    @Test
    void theDescriptionLetsTheUiAuthorizeAndTryHere() {
        JsonNode served = json(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().response());
        JsonNode scheme = served.path("components").path("securitySchemes").path("bearerAuth");
        assertEquals("http", scheme.path("type").asText(), served::toString);
        assertEquals("bearer", scheme.path("scheme").asText(), served::toString);
        assertTrue(served.path("security").get(0).has("bearerAuth"), served::toString);
        assertEquals("/api/v1", served.path("servers").get(0).path("url").asText(), served::toString);
    }
}
