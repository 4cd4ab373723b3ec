package org.ccextractor.sampleplatform.errorsummary.summary;

import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** Every malformed or out-of-range parameter is a 400 that names it; nothing is clamped. */
@ServiceTest
class ParameterValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/runs/1/error-summary?limit=0       | limit    | Must be between 1 and 100",
            "/api/v1/runs/1/error-summary?limit=101     | limit    | Must be between 1 and 100",
            "/api/v1/runs/1/error-summary?limit=abc     | limit    | Must be between 1 and 100",
            "/api/v1/runs/1/error-summary?limit=        | limit    | Must be between 1 and 100",
            "/api/v1/runs/1/error-summary?limit=1.5     | limit    | Must be between 1 and 100",
            "/api/v1/runs/1/error-summary?limit=5&limit=5 | limit  | Must be given at most once",
            "/api/v1/runs/1/error-summary?offset=-1     | offset   | Must be between 0 and 2147483647",
            "/api/v1/runs/1/error-summary?offset=2147483648 | offset | Must be between 0 and 2147483647",
            "/api/v1/runs/1/error-summary?group_by=foo  | group_by | Must be one of: type, sample_id, regression_id, category, severity",
            "/api/v1/runs/1/error-summary?group_by=TYPE | group_by | Must be one of: type, sample_id, regression_id, category, severity",
            "/api/v1/runs/1/error-summary?severity=fatal | severity | Must be one of: info, warning, error, critical",
            "/api/v1/runs/0/error-summary               | run_id   | Must be between 1 and 9223372036854775807",
            "/api/v1/runs/abc/error-summary             | run_id   | Must be between 1 and 9223372036854775807",
            "/api/v1/runs/-5/error-summary              | run_id   | Must be between 1 and 9223372036854775807",
            "/api/v1/runs/99999999999999999999/error-summary | run_id | Must be between 1 and 9223372036854775807",
    })
    void aBadParameterIsNamed(String path, String field, String message) {
        JsonNode body = badRequest(path);
        assertEquals(Events.JSON.valueToTree(Map.of(field, message)), body.path("details").path("fields"));
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        JsonNode body = badRequest("/api/v1/runs/0/error-summary?limit=0&offset=-1&group_by=foo&severity=fatal");
        assertEquals(5, body.path("details").path("fields").size(), body.toString());
    }

    private static JsonNode badRequest(String path) {
        JsonNode body = json(authorized().urlEncodingEnabled(false).get(path)
                .then().statusCode(400).contentType("application/json").extract().response());
        Contract.assertValid(Contract.ERROR, body);
        assertEquals("validation_error", body.path("code").asText());
        assertEquals("Request failed schema validation.", body.path("message").asText());
        return body;
    }
}
