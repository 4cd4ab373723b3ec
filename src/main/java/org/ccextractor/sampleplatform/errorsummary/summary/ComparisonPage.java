package org.ccextractor.sampleplatform.errorsummary.summary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;

/**
 * The comparison's 200 body (schemas/openapi.yaml, ErrorSummaryComparison): the two runs, how many buckets of the view
 * have each status, and one page of them. Registered for reflection, with the records it holds, for the native build.
 *
 * @param baseline null when the run has none
 * @param counts per status wire name, in {@link ComparisonStatus} order: the view's buckets (after {@code severity},
 *               before {@code status})
 */
@RegisterForReflection
public record ComparisonPage(RunDescription run, BaselineDescription baseline, Map<String, Long> counts,
        List<ComparedBucket> data, SummaryPage.Pagination pagination) {

    /** A run as a comparison describes it; each metadata field null while not known (RunMetadata). */
    @RegisterForReflection
    public record RunDescription(long runId, boolean complete, String branch, String platform, String commit,
            Integer testsExpected, Integer testsRun) {

        static RunDescription of(RankedView view) {
            RunMetadata metadata = view.metadata();
            return new RunDescription(view.runId(), view.complete(), metadata.branch(), metadata.platform(),
                    metadata.commit(), metadata.testsExpected(), metadata.testsRun());
        }
    }

    @RegisterForReflection
    public record BaselineDescription(@JsonUnwrapped RunDescription run, ResolvedBy resolvedBy) {
    }

    static ComparisonPage of(RankedComparisons.Comparison comparison, CompareRequest request) {
        SummaryRequest view = request.view();
        RankedComparison.Page page = comparison.ranked().page(view.severity(), request.statuses(), view.limit(), view.offset());
        Map<String, Long> counts = new LinkedHashMap<>();
        page.counts().forEach((status, count) -> counts.put(status.wireName(), count));
        BaselineDescription baseline = comparison.baseline() == null ? null
                : new BaselineDescription(RunDescription.of(comparison.baseline()), comparison.resolvedBy());
        return new ComparisonPage(RunDescription.of(comparison.run()), baseline, counts, page.buckets(),
                SummaryPage.Pagination.of(view, page.total()));
    }
}
