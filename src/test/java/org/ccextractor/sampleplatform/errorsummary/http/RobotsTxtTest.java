package org.ccextractor.sampleplatform.errorsummary.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.ccextractor.sampleplatform.errorsummary.local.ErrorSummaryTestResource;

/** An API has nothing for crawlers: /robots.txt, a static file, says so to all of them, without a token. */
@QuarkusTest
@WithTestResource(value = ErrorSummaryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RobotsTxtTest {

    @Test
    void robotsTxtDisallowsEverything() {
        Response response = given().get("/robots.txt");
        response.then().statusCode(200).contentType("text/plain").header("X-Content-Type-Options", "nosniff");
        assertEquals("User-agent: *\nDisallow: /\n", response.asString());
    }
}
