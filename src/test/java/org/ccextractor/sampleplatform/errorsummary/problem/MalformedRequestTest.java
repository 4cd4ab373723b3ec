package org.ccextractor.sampleplatform.errorsummary.problem;

import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.readerToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.RawHttp;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * Requests refused before the REST layer runs get the contract's error body too: a request target that is not URI
 * syntax (RFC 3986) is a 400 naming each parameter it is malformed in, and what the router refuses itself gets its
 * status with the contract's body. Sent byte for byte, as HTTP clients would re-encode such targets.
 */
@ServiceTest
class MalformedRequestTest {

    static final String MUST = "Must be percent-encoded as RFC 3986 requires";

    final int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/api/v1/runs/7707/error-summary?limit=%zz                | limit",
            "/api/v1/runs/7707/error-summary?group_by=type&offset=5%  | offset",
            "/api/v1/runs/7707/error-summary?severity=%e              | severity",
            "/api/v1/runs/7707/error-summary?group_by={type}          | group_by",
            "/api/v1/runs/7707/error-summary?limit=%zz&offset=%       | limit,offset",
            "/api/v1/runs/7707/error-summary?%6Cimit=%zz              | limit",
            "/api/v1/runs/7707/error-summary?%zz=1                    | %zz",
            "/api/v1/runs/%zz/error-summary                           | run_id",
            "/api/v1/runs/77%7/error-summary?limit=5                  | run_id",
            "/api/v1/runs/%zz/error-summary?limit=%zz                 | run_id,limit",
            "/api/v1/r%zzuns/7707/error-summary                       | path",
            "/q/health/%zz                                            | path",
    })
    void aMalformedTargetIs400NamingEachParameter(String target, String fields) throws Exception {
        RawHttp.Response response = RawHttp.get(port, target, List.of("Authorization: Bearer " + readerToken()));
        JsonNode body = assertProblem(response, 400, "validation_error");
        Map<String, String> expected = new LinkedHashMap<>();
        for (String field : fields.split(",")) {
            expected.put(field, MUST);
        }
        assertEquals(Events.JSON.valueToTree(expected), body.path("details").path("fields"), response::toString);
    }

    /** RFC 9112 section 3.2: a server must answer 400 to an HTTP/1.1 request without Host. */
    @Test
    void aRequestWithoutHostIs400() throws Exception {
        RawHttp.Response response = RawHttp.send(port, "GET /api/v1/runs/7707/error-summary HTTP/1.1\r\n"
                + "Authorization: Bearer " + readerToken() + "\r\nConnection: close\r\n\r\n");
        assertProblem(response, 400, "bad_request");
    }

    @Test
    void aTargetThatIsNoPathIs404() throws Exception {
        assertProblem(RawHttp.get(port, "api/v1/runs/7707/error-summary", List.of()), 404, "not_found");
    }

    private static JsonNode assertProblem(RawHttp.Response response, int status, String code) {
        assertEquals(status, response.status(), response::toString);
        assertTrue(String.valueOf(response.header("Content-Type")).startsWith("application/json"), response::toString);
        assertEquals("nosniff", response.header("X-Content-Type-Options"), response::toString);
        JsonNode body = response.json();
        Contract.assertValid(Contract.ERROR, body);
        assertEquals(code, body.path("code").asText(), response::toString);
        assertFalse(response.body().contains("Exception") || response.body().contains("stack"), response::toString);
        return body;
    }
}
