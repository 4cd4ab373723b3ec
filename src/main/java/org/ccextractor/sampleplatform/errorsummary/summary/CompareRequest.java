package org.ccextractor.sampleplatform.errorsummary.summary;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.ws.rs.core.MultivaluedMap;

import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;
import org.ccextractor.sampleplatform.errorsummary.problem.ApiProblem;

/**
 * The parameters of a comparison request (schemas/openapi.yaml): the summary's, which view and page, and
 * {@code baseline} and {@code status}.
 *
 * @param view the run, dimension, severity and page, as a summary request gives them
 * @param baseline the baseline run given, empty for {@code auto}
 * @param statuses the statuses {@code data} is filtered to, empty for all
 */
public record CompareRequest(SummaryRequest view, Optional<Long> baseline, Set<ComparisonStatus> statuses) {

    static final String AUTO = "auto";
    /** A run id as the contract's pattern for baseline has it: no sign, no leading zero. */
    private static final Pattern RUN_ID = Pattern.compile("[1-9][0-9]{0,18}");
    static final List<String> PARAMETERS = Stream.concat(SummaryRequest.PARAMETERS.stream(), Stream.of("baseline", "status")).toList();

    /**
     * Reads the path's run id and the query.
     *
     * @throws ApiProblem 400 naming every bad parameter, and {@code baseline} when it is the run itself
     */
    public static CompareRequest parse(String runId, MultivaluedMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query);
        SummaryRequest view = SummaryRequest.read(runId, parameters);
        String baseline = parameters.single("baseline");
        String status = parameters.single("status");
        Long baselineId = baseline == null || AUTO.equals(baseline) ? null
                : parameters.integer(RUN_ID.matcher(baseline).matches() ? baseline : null, 1, Long.MAX_VALUE, "baseline",
                        "Must be auto or a run id between 1 and " + Long.MAX_VALUE);
        if (baselineId != null && baselineId.toString().equals(decimal(runId))) {
            parameters.fail("baseline", "Must not be the run itself");
        }
        Set<ComparisonStatus> statuses = EnumSet.noneOf(ComparisonStatus.class);
        if (status != null) {
            for (String item : status.split(",", -1)) {
                WireNames.find(ComparisonStatus.values(), item).ifPresentOrElse(statuses::add, () -> parameters.fail("status",
                        "Must be a comma-separated list of: " + WireNames.list(ComparisonStatus.values())));
            }
        }
        parameters.throwIfInvalid(PARAMETERS);
        return new CompareRequest(view, Optional.ofNullable(baselineId), statuses);
    }

    /**
     * The run id as written, without leading zeros, whether or not the other parameters are good: a baseline that is
     * the run itself is named with them.
     */
    private static String decimal(String runId) {
        return runId.replaceFirst("^0+(?=[0-9])", "");
    }
}
