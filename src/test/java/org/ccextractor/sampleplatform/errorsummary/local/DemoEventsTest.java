package org.ccextractor.sampleplatform.errorsummary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ExpectedSummary;

/**
 * The run command's demo shows something worth seeing in every view of its master run: several buckets in each,
 * buckets of different worst severities, errors of every severity, and the "not given" bucket where a view has one
 * (its summaries computed by the tests' independent oracle, {@link ExpectedSummary}); and its pull request's run,
 * compared with that master run, has buckets of every status a complete run can have.
 */
class DemoEventsTest {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    static final Instant PULL_REQUEST_START = START.plusSeconds(600);
    final List<ObjectNode> events = DemoEvents.masterRun(LocalRunner.MASTER_RUN, LocalRunner.MASTER_ERRORS,
            LocalRunner.DEMO_SEED, START);
    final List<ObjectNode> pullRequest = DemoEvents.pullRequestRun(events, LocalRunner.PULL_REQUEST_RUN, PULL_REQUEST_START);

    @Test
    void everyViewHasSeveralBucketsOfDifferentSeverities() {
        for (String groupBy : ExpectedSummary.GROUP_BYS) {
            ArrayNode buckets = ExpectedSummary.buckets(events, LocalRunner.MASTER_RUN, groupBy, null);
            assertTrue(buckets.size() >= 4, groupBy + ": " + buckets);
            assertTrue(severities(buckets).size() >= 2, groupBy + " buckets' worst severities: " + severities(buckets));
        }
    }

    @Test
    void everySeverityOccursUnderSeveralTypes() {
        for (String severity : ExpectedSummary.SEVERITIES) {
            assertTrue(ExpectedSummary.buckets(events, LocalRunner.MASTER_RUN, "type", severity).size() >= 2, severity);
        }
    }

    @Test
    void someErrorsHaveNoSampleRegressionTestOrCategory() {
        for (String groupBy : List.of("sample_id", "regression_id", "category")) {
            ArrayNode buckets = ExpectedSummary.buckets(events, LocalRunner.MASTER_RUN, groupBy, null);
            assertTrue(buckets.findValues("key").stream().anyMatch(JsonNode::isNull), groupBy + ": " + buckets);
        }
    }

    @Test
    void theRunsAreTheSameEveryTimeAndValidPerTheSchema() {
        assertEquals(LocalRunner.MASTER_ERRORS + 2, events.size());
        assertEquals(LocalRunner.MASTER_ERRORS, DemoEvents.errors(events));
        assertEquals(events, DemoEvents.masterRun(LocalRunner.MASTER_RUN, LocalRunner.MASTER_ERRORS, LocalRunner.DEMO_SEED, START));
        assertNotEquals(events, DemoEvents.masterRun(LocalRunner.MASTER_RUN, LocalRunner.MASTER_ERRORS, LocalRunner.DEMO_SEED + 1,
                START));
        assertEquals(pullRequest, DemoEvents.pullRequestRun(events, LocalRunner.PULL_REQUEST_RUN, PULL_REQUEST_START));
        assertTrue(DemoEvents.errors(pullRequest) >= 100, "the pull request's errors: " + DemoEvents.errors(pullRequest));
        for (List<ObjectNode> run : List.of(events, pullRequest)) {
            run.forEach(event -> Contract.assertValid(Contract.EVENT, event));
            assertEquals(run.size(), run.stream().map(event -> event.path("event_id")).distinct().count(), "event ids unique");
        }
    }

    @Test
    void thePullRequestsRunBranchedFromTheMasterRunsCommitOnItsPlatform() {
        JsonNode master = created(events);
        JsonNode branch = created(pullRequest);
        assertEquals(LocalRunner.MASTER_RUN, master.path("run_id").asLong());
        assertEquals(LocalRunner.PULL_REQUEST_RUN, branch.path("run_id").asLong());
        assertEquals("master", master.path("branch").asText());
        assertTrue(branch.path("branch").asText().startsWith("pr-"), branch.toString());
        assertTrue(master.path("commit").isTextual(), master.toString());
        assertTrue(branch.path("commit").isTextual(), branch.toString());
        assertNotEquals(master.path("commit"), branch.path("commit"));
        assertEquals(master.path("commit"), branch.path("base_commit"));
        assertEquals(master.path("platform"), branch.path("platform"));
        assertTrue(master.path("platform").isTextual(), master.toString());
        assertTrue(master.path("base_commit").isMissingNode(), master.toString());
    }

    @Test
    void bothRunsAreComplete() {
        assertTrue(complete(events), "the master run");
        assertTrue(complete(pullRequest), "the pull request's run");
    }

    /**
     * The comparison of the pull request's run with the master run, computed here from the events as the compare's
     * contract words it, has each status a complete run can have under group_by=sample_id, type and regression_id.
     */
    @Test
    void theComparisonHasNewChangedRecurringAndFixedBuckets() {
        for (String groupBy : List.of("sample_id", "type", "regression_id")) {
            Map<String, String> statuses = statuses(pullRequest, events, groupBy);
            assertEquals(Set.of("new", "changed", "recurring", "fixed"), new TreeSet<>(statuses.values()),
                    groupBy + ": " + statuses);
        }
        Map<String, String> samples = statuses(pullRequest, events, "sample_id");
        assertEquals("new", samples.get(Long.toString(DemoEvents.BROKEN_SAMPLE)), samples.toString());
        assertEquals("changed", samples.get(Long.toString(DemoEvents.CHANGED_SAMPLE)), samples.toString());
        assertEquals("fixed", samples.get(Long.toString(DemoEvents.FIXED_SAMPLE)), samples.toString());
        assertEquals("recurring", samples.get("null"), samples.toString());
    }

    /**
     * Each bucket's status in {@code run} compared with {@code baseline} under {@code groupBy}, a dimension of one key
     * per error (not category), by key (as JSON writes it; "null" for "not given"):
     * new (only in the run), fixed or not_rerun (only in the baseline: the run is complete or not), changed (in
     * both, every error of both carrying an output_hash, the two multisets of hashes different), recurring (in
     * both otherwise).
     */
    static Map<String, String> statuses(List<ObjectNode> run, List<ObjectNode> baseline, String groupBy) {
        Map<String, List<String>> ours = outputHashes(run, groupBy);
        Map<String, List<String>> theirs = outputHashes(baseline, groupBy);
        Set<String> keys = new TreeSet<>(ours.keySet());
        keys.addAll(theirs.keySet());
        Map<String, String> statuses = new TreeMap<>();
        for (String key : keys) {
            List<String> mine = ours.get(key);
            List<String> base = theirs.get(key);
            statuses.put(key, base == null ? "new"
                    : mine == null ? (complete(run) ? "fixed" : "not_rerun")
                    : !mine.contains(null) && !base.contains(null) && !mine.equals(base) ? "changed"
                    : "recurring");
        }
        return statuses;
    }

    /** The output_hash of every error of {@code events} (null where it has none), sorted, by key of {@code groupBy}. */
    private static Map<String, List<String>> outputHashes(List<ObjectNode> events, String groupBy) {
        Map<String, List<String>> hashes = new TreeMap<>();
        for (ObjectNode event : events) {
            if (event.path("kind").asText().equals("error")) {
                hashes.computeIfAbsent(String.valueOf(event.get(groupBy)), key -> new ArrayList<>())
                        .add(event.has("output_hash") ? event.get("output_hash").asText() : null);
            }
        }
        hashes.values().forEach(list -> list.sort(Comparator.nullsFirst(Comparator.naturalOrder())));
        return hashes;
    }

    /** Whether the run has a run_completed whose tests_run is its tests_expected (given by it or by a run_created). */
    private static boolean complete(List<ObjectNode> events) {
        Integer expected = null;
        Integer run = null;
        for (ObjectNode event : events) {
            if (event.has("tests_expected") && !event.path("kind").asText().equals("error")) {
                expected = event.get("tests_expected").asInt();
            }
            if (event.path("kind").asText().equals("run_completed")) {
                run = event.get("tests_run").asInt();
            }
        }
        return run != null && run.equals(expected);
    }

    private static JsonNode created(List<ObjectNode> events) {
        List<ObjectNode> created = events.stream().filter(event -> event.path("kind").asText().equals("run_created")).toList();
        assertEquals(1, created.size(), created.toString());
        return created.get(0);
    }

    private static Set<String> severities(ArrayNode buckets) {
        Set<String> severities = new TreeSet<>();
        buckets.forEach(bucket -> severities.add(bucket.path("severity").asText()));
        return severities;
    }
}
