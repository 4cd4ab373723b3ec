package org.ccextractor.sampleplatform.errorsummary.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;
import org.ccextractor.sampleplatform.errorsummary.problem.ApiProblem;

/**
 * A request's parameters as the contract defines them (schemas/openapi.yaml), and the pagination of a page; the
 * same through HTTP: ParameterValidationTest.
 */
class SummaryRequestTest {

    @Test
    void absentParametersTakeTheContractsDefaults() {
        SummaryRequest request = SummaryRequest.parse("9317", query(Map.of()));
        assertEquals(new SummaryRequest(9317, 50, 0, Dimension.TYPE, Optional.empty()), request);
    }

    @Test
    void everyParameterIsRead() {
        SummaryRequest request = SummaryRequest.parse("7", query(Map.of("limit", "100", "offset", "2147483647",
                "group_by", "regression_id", "severity", "critical")));
        assertEquals(new SummaryRequest(7, 100, Integer.MAX_VALUE, Dimension.REGRESSION_ID, Optional.of(Severity.CRITICAL)), request);
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        MultivaluedMap<String, String> query = query(Map.of("limit", "101", "offset", "-1", "group_by", "Type", "severity", ""));
        query.add("limit", "5");
        ApiProblem problem = assertThrows(ApiProblem.class, () -> SummaryRequest.parse("0", query));
        assertEquals(400, problem.status());
        assertEquals("validation_error", problem.problem().code());
        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) problem.problem().details().get("fields");
        assertEquals(Set.of("limit", "offset", "group_by", "severity", "run_id"), fields.keySet());
        assertEquals("Must be given at most once", fields.get("limit"));
    }

    @Test
    void nextOffsetIsTheNextPageWhileThereIsOne() {
        SummaryRequest request = new SummaryRequest(7, 50, 100, Dimension.TYPE, Optional.empty());
        assertEquals(150L, SummaryPage.Pagination.of(request, 151).nextOffset());
        assertNull(SummaryPage.Pagination.of(request, 150).nextOffset());
        assertNull(SummaryPage.Pagination.of(request, 0).nextOffset());
    }

    private static MultivaluedMap<String, String> query(Map<String, String> parameters) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        parameters.forEach(query::add);
        return query;
    }
}
