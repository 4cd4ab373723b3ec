package org.ccextractor.sampleplatform.errorsummary.summary;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;
import org.ccextractor.sampleplatform.errorsummary.problem.ApiProblem;

/**
 * The parameters of a summary request, checked against the endpoint contract (schemas/openapi.yaml) as
 * {@link QueryParameters} reads them; the comparison takes the same ones and more ({@link CompareRequest}).
 */
public record SummaryRequest(long runId, int limit, long offset, Dimension groupBy, Optional<Severity> severity) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final long MAX_OFFSET = Integer.MAX_VALUE;
    /** The query parameters of schemas/openapi.yaml, in its order. */
    static final List<String> PARAMETERS = List.of("limit", "offset", "group_by", "severity");

    /**
     * Reads the path's run id and the query.
     *
     * @throws ApiProblem 400 naming every bad parameter
     */
    public static SummaryRequest parse(String runId, MultivaluedMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query);
        SummaryRequest request = read(runId, parameters);
        parameters.throwIfInvalid(PARAMETERS);
        return request;
    }

    /** The summary's parameters of a request that may have others; null when any of them is bad (reported). */
    static SummaryRequest read(String runId, QueryParameters parameters) {
        String limit = parameters.single("limit");
        String offset = parameters.single("offset");
        String groupBy = parameters.single("group_by");
        String severity = parameters.single("severity");
        Long run = parameters.integer(runId, 1, Long.MAX_VALUE, "run_id");
        Long pageSize = limit == null ? Long.valueOf(DEFAULT_LIMIT) : parameters.integer(limit, 1, MAX_LIMIT, "limit");
        Long skip = offset == null ? Long.valueOf(0) : parameters.integer(offset, 0, MAX_OFFSET, "offset");
        Dimension dimension = groupBy == null ? Dimension.TYPE : parameters.oneOf(groupBy, Dimension.values(), "group_by");
        Severity only = severity == null ? null : parameters.oneOf(severity, Severity.values(), "severity");
        return parameters.valid() ? new SummaryRequest(run, pageSize.intValue(), skip, dimension, Optional.ofNullable(only)) : null;
    }
}
