package org.ccextractor.sampleplatform.errorsummary.problem;

import static io.restassured.RestAssured.given;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** Whatever goes wrong, the answer is the contract's JSON error body, never a page or a stack trace. */
@ServiceTest
class ErrorBodyTest {

    /**
     * Every other method (OPTIONS too) is 405 with Allow (RFC 9110 section 15.5.6), the same with a valid token,
     * an invalid one or none.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH", "OPTIONS" })
    void wrongMethodIs405WithAllowWhateverTheToken(String method) {
        for (RequestSpecification request : List.of(authorized(), given(), given().auth().oauth2("not-a-jwt"))) {
            Response response = request.request(method, summaryPath(1));
            assertProblem(response, 405, "method_not_allowed");
            assertEquals("GET, HEAD", response.header("Allow"), method);
        }
    }

    /** What Allow says: HEAD is answered as GET is, without the body. */
    @Test
    void headIsAnsweredAsGet() {
        Response head = authorized().head(summaryPath(1));
        assertEquals(authorized().get(summaryPath(1)).statusCode(), head.statusCode());
        assertEquals("", head.asString());
    }

    @Test
    void unacceptableMediaTypeIs406() {
        assertProblem(authorized().accept("text/html").get(summaryPath(1)), 406, "not_acceptable");
    }

    @Test
    void unknownPathsAre404() {
        assertProblem(authorized().get("/api/v1/runs/1/nothing-here"), 404, "not_found");
        assertProblem(authorized().get("/"), 404, "not_found");
        assertProblem(authorized().get("/api/v2/runs/1/error-summary"), 404, "not_found");
        assertProblem(authorized().get("/q/nothing-here"), 404, "not_found");
    }

    private static void assertProblem(Response response, int status, String code) {
        response.then().statusCode(status).contentType("application/json");
        JsonNode body = json(response);
        Contract.assertValid(Contract.ERROR, body);
        assertEquals(code, body.path("code").asText());
        assertFalse(response.asString().contains("Exception"), response.asString());
    }
}
