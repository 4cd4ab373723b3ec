package org.ccextractor.sampleplatform.errorsummary.summary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedMap;

import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;
import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;
import org.ccextractor.sampleplatform.errorsummary.problem.ApiProblem;

/**
 * The parameters of a summary request, checked against the endpoint contract. Every bad parameter is
 * reported at once; nothing is clamped or defaulted silently, and no parameter is ignored: a misspelled one
 * ({@code groupby=sample_id}) would otherwise serve the default view as if it were the one asked for.
 */
public record SummaryRequest(long runId, int limit, long offset, Dimension groupBy, Optional<Severity> severity) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final long MAX_OFFSET = Integer.MAX_VALUE;
    /** The query parameters of schemas/openapi.yaml, in its order. */
    static final List<String> PARAMETERS = List.of("limit", "offset", "group_by", "severity");

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

    /**
     * Reads the path's run id and the query; a parameter given twice is as bad as a malformed one, and so is one of
     * another name (an empty pair, {@code ?limit=5&}, names none).
     */
    public static SummaryRequest parse(String runId, MultivaluedMap<String, String> query) {
        Map<String, String> errors = new LinkedHashMap<>();
        String limit = single(query, "limit", errors);
        String offset = single(query, "offset", errors);
        String groupBy = single(query, "group_by", errors);
        String severity = single(query, "severity", errors);
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) {
                errors.put(name, "Unknown parameter; must be one of: " + String.join(", ", PARAMETERS));
            }
        }
        Long run = integer(runId, 1, Long.MAX_VALUE, "run_id", errors);
        Long pageSize = limit == null ? Long.valueOf(DEFAULT_LIMIT) : integer(limit, 1, MAX_LIMIT, "limit", errors);
        Long skip = offset == null ? Long.valueOf(0) : integer(offset, 0, MAX_OFFSET, "offset", errors);
        Dimension dimension = groupBy == null ? Dimension.TYPE
                : oneOf(groupBy, Dimension.values(), "group_by", errors);
        Severity only = severity == null ? null
                : oneOf(severity, Severity.values(), "severity", errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return new SummaryRequest(run, pageSize.intValue(), skip, dimension, Optional.ofNullable(only));
    }

    private static String single(MultivaluedMap<String, String> query, String name, Map<String, String> errors) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            errors.put(name, "Must be given at most once");
        }
        return values.get(0);
    }

    private static Long integer(String value, long min, long max, String name, Map<String, String> errors) {
        if (value != null && INTEGER.matcher(value).matches()) {
            try {
                long parsed = Long.parseLong(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException tooLarge) {
                // reported below, like any other value out of range
            }
        }
        errors.putIfAbsent(name, "Must be between " + min + " and " + max);
        return null;
    }

    private static <T extends Enum<T>> T oneOf(String value, T[] allowed, String name, Map<String, String> errors) {
        Optional<T> parsed = WireNames.find(allowed, value);
        if (parsed.isEmpty()) {
            errors.putIfAbsent(name, "Must be one of: " + WireNames.list(allowed));
        }
        return parsed.orElse(null);
    }
}
