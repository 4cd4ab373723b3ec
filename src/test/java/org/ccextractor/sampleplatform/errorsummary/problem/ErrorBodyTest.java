package org.ccextractor.sampleplatform.errorsummary.problem;

import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** Whatever goes wrong, the answer is the contract's JSON error body, never a page or a stack trace. */
@ServiceTest
class ErrorBodyTest {

    @Test
    void wrongMethodIs405() {
        assertProblem(authorized().post(summaryPath(1)), 405, "method_not_allowed");
        assertProblem(authorized().delete(summaryPath(1)), 405, "method_not_allowed");
        Response options = authorized().options(summaryPath(1));
        assertProblem(options, 405, "method_not_allowed");
        assertEquals("GET", options.header("Allow"));
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
