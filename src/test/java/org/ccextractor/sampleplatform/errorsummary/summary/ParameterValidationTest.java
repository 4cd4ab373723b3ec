package org.ccextractor.sampleplatform.errorsummary.summary;

import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.readerToken;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.RawHttp;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** Every malformed, out-of-range or unknown parameter is a 400 that names it; nothing is clamped or ignored. */
@ServiceTest
class ParameterValidationTest {

    final int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);

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
            "/api/v1/runs/1/error-summary?groupby=sample_id | groupby | Unknown parameter; must be one of: limit, offset, group_by, severity",
            "/api/v1/runs/1/error-summary?Limit=5       | Limit    | Unknown parameter; must be one of: limit, offset, group_by, severity",
            "/api/v1/runs/1/error-summary?run_id=1      | run_id   | Unknown parameter; must be one of: limit, offset, group_by, severity",
            "/api/v1/runs/1/error-summary?wait          | wait     | Unknown parameter; must be one of: limit, offset, group_by, severity",
    })
    void aBadParameterIsNamed(String path, String field, String message) {
        JsonNode body = badRequest(path);
        assertEquals(Events.JSON.valueToTree(Map.of(field, message)), body.path("details").path("fields"));
    }

    /**
     * The comparison's own parameters (issue 18), and the summary's rules on its path: the message where the contract
     * words it, else the field named alone.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/runs/1/error-summary/compare?baseline=1          | baseline | Must not be the run itself",
            "/api/v1/runs/1/error-summary/compare?baseline=abc        | baseline | Must be auto or a run id between 1 and 9223372036854775807",
            "/api/v1/runs/1/error-summary/compare?baseline=           | baseline | Must be auto or a run id between 1 and 9223372036854775807",
            "/api/v1/runs/1/error-summary/compare?baseline=0          | baseline | Must be auto or a run id between 1 and 9223372036854775807",
            "/api/v1/runs/1/error-summary/compare?baseline=-2         | baseline | Must be auto or a run id between 1 and 9223372036854775807",
            "/api/v1/runs/1/error-summary/compare?baseline=9223372036854775808 | baseline | Must be auto or a run id between 1 and 9223372036854775807",
            "/api/v1/runs/1/error-summary/compare?baseline=AUTO       | baseline | Must be auto or a run id between 1 and 9223372036854775807",
            "/api/v1/runs/1/error-summary/compare?baseline=02         | baseline | Must be auto or a run id between 1 and 9223372036854775807",
            "/api/v1/runs/1/error-summary/compare?baseline=+2         | baseline | Must be auto or a run id between 1 and 9223372036854775807",
            "/api/v1/runs/1/error-summary/compare?baseline=2&baseline=2 | baseline | Must be given at most once",
            "/api/v1/runs/1/error-summary/compare?status=bogus        | status   |",
            "/api/v1/runs/1/error-summary/compare?status=             | status   |",
            "/api/v1/runs/1/error-summary/compare?status=new,         | status   |",
            "/api/v1/runs/1/error-summary/compare?status=new,,fixed   | status   |",
            "/api/v1/runs/1/error-summary/compare?status=NEW          | status   |",
            "/api/v1/runs/1/error-summary/compare?status=new%20fixed  | status   |",
            "/api/v1/runs/1/error-summary/compare?status=new&status=fixed | status | Must be given at most once",
            "/api/v1/runs/1/error-summary/compare?limit=0             | limit    | Must be between 1 and 100",
            "/api/v1/runs/1/error-summary/compare?group_by=foo        | group_by | Must be one of: type, sample_id, regression_id, category, severity",
            "/api/v1/runs/1/error-summary/compare?severity=fatal      | severity | Must be one of: info, warning, error, critical",
            "/api/v1/runs/0/error-summary/compare                     | run_id   | Must be between 1 and 9223372036854775807",
            "/api/v1/runs/1/error-summary/compare?groupby=type        | groupby  |",
            "/api/v1/runs/1/error-summary?baseline=2                  | baseline | Unknown parameter; must be one of: limit, offset, group_by, severity",
            "/api/v1/runs/1/error-summary?status=new                  | status   | Unknown parameter; must be one of: limit, offset, group_by, severity",
    })
    void aBadCompareParameterIsNamed(String path, String field, String message) {
        JsonNode fields = badRequest(path).path("details").path("fields");
        assertEquals(List.of(field), names(fields), path);
        if (message != null) {
            assertEquals(message, fields.path(field).asText(), path);
        }
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        JsonNode body = badRequest("/api/v1/runs/0/error-summary?limit=0&offset=-1&group_by=foo&severity=fatal&groupby=type");
        assertEquals(6, body.path("details").path("fields").size(), body.toString());
        body = badRequest("/api/v1/runs/7/error-summary/compare?baseline=7&status=bogus&limit=0&groupby=type");
        assertEquals(List.of("baseline", "groupby", "limit", "status"), names(body.path("details").path("fields")), body.toString());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    /** An empty pair of the query names no parameter: a trailing or doubled {@code &} is no misspelling. */
    @Test
    void anEmptyPairIsNoParameter() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/api/v1/runs/1/error-summary?limit=5&&group_by=type&",
                List.of("Authorization: Bearer " + readerToken()));
        assertEquals(404, response.status(), response::toString);
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
