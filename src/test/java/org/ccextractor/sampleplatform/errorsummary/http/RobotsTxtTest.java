package org.ccextractor.sampleplatform.errorsummary.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** An API has nothing for crawlers: /robots.txt, a static file, says so to all of them, without a token. */
@ServiceTest
class RobotsTxtTest {

    @Test
    void robotsTxtDisallowsEverything() {
        Response response = given().get("/robots.txt");
        response.then().statusCode(200).contentType("text/plain").header("X-Content-Type-Options", "nosniff");
        assertEquals("User-agent: *\nDisallow: /\n", response.asString());
    }
}
