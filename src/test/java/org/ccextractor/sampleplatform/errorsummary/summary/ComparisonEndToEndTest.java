package org.ccextractor.sampleplatform.errorsummary.summary;

import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.comparePath;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ExpectedComparison;
import org.ccextractor.sampleplatform.errorsummary.testing.ExpectedSummary;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * Events go in through Kafka with a plain producer; every page of every compare (issue 18) comes out of the REST API
 * and must equal, byte for byte, the comparison computed independently from the same events
 * ({@link ExpectedComparison}): every status on every dimension, with and without {@code severity}, the baseline
 * found by the branch point, by the previous run of the branch, named explicitly and not found at all (a branch point
 * without a complete run on the run's platform falls back to nothing), an incomplete run's {@code not_rerun}, a
 * conflicting run_created, the status filter, and bodies unchanged by every event sent again.
 * <p>
 * Branches and platforms are this test's own ({@code cmp-}), so that the runs of other test classes in the same
 * database are never a baseline here.
 */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonEndToEndTest {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    static final String LINUX = "cmp-linux";
    static final String WINDOWS = "cmp-windows";
    static final String MASTER = "cmp-master";

    /** An older complete run of the branch point's commit: the highest one is the baseline, not this one. */
    static final long MASTER_OLDER = 795_001;
    /** The branch point of the pull requests: commit 1 on linux, complete. */
    static final long MASTER_POINT = 795_002;
    /** Commit 1 again, on windows: another platform's run of the branch point. */
    static final long MASTER_WINDOWS = 795_003;
    /** Commit 1 run again, incomplete: never found by auto, and an explicit baseline all the same. */
    static final long MASTER_INCOMPLETE = 795_004;
    /** A pull request from commit 1, complete; a second run_created fills in its commit, a third conflicts. */
    static final long PR = 795_005;
    /** A pull request from commit 1 that ran 9 of its 10 tests: the branch point's other buckets are not_rerun. */
    static final long PR_INCOMPLETE = 795_006;
    /** A complete earlier run of PR_NO_BASE's branch: previous_on_branch would find it, branch_point must not. */
    static final long PR_BRANCH_EARLIER = 795_007;
    /** A pull request whose branch point (commit 10) has a complete run on windows only: no baseline, no fallback. */
    static final long PR_NO_BASE = 795_008;
    /** A master run without base_commit: the previous complete master run on linux is MASTER_POINT. */
    static final long MASTER_NEXT = 795_009;
    /** Commit 10 on windows, complete. */
    static final long RELEASE_WINDOWS = 795_010;
    /** Commit 10 on linux, never completed. */
    static final long RELEASE_LINUX = 795_011;
    /** The first run of its branch: no baseline. */
    static final long LONELY = 795_012;
    /** The master run after MASTER_NEXT, which is its baseline. */
    static final long MASTER_LAST = 795_013;
    /** A pull request run whose platform is not known: no baseline. */
    static final long NO_PLATFORM = 795_014;
    /** A run whose run_created says nothing: no baseline. */
    static final long NOTHING_KNOWN = 795_015;
    /** A run without errors, never completed. */
    static final long EMPTY = 795_016;

    /** Deleted, then created again (their own test). */
    static final long DELETED = 795_030;
    static final long AFTER_DELETED = 795_031;
    static final long UNKNOWN = 795_099;

    /** The compares walked page by page: the run and its baseline parameter. */
    static final List<Compare> COMPARES = List.of(
            new Compare(PR, "auto"), new Compare(PR_INCOMPLETE, "auto"), new Compare(PR_NO_BASE, "auto"),
            new Compare(MASTER_NEXT, "auto"), new Compare(MASTER_LAST, "auto"), new Compare(LONELY, "auto"),
            new Compare(NO_PLATFORM, "auto"), new Compare(NOTHING_KNOWN, "auto"), new Compare(EMPTY, "auto"),
            new Compare(PR, Long.toString(MASTER_WINDOWS)), new Compare(PR, Long.toString(MASTER_INCOMPLETE)),
            new Compare(PR_INCOMPLETE, Long.toString(MASTER_LAST)), new Compare(EMPTY, Long.toString(MASTER_POINT)),
            new Compare(PR, Long.toString(EMPTY)), new Compare(MASTER_POINT, Long.toString(PR)));

    static final int LIMIT = 4;
    static final String TAG = UUID.randomUUID().toString();
    static final String CONFLICTING = "conflicting-" + TAG;

    record Compare(long run, String baseline) {
    }

    /** One error: its buckets' keys (sample, regression and categories may be null: not given) and its output hash. */
    record Failure(String type, String severity, Long sample, Long regression, List<String> categories, String hash) {
    }

    /**
     * The branch point's errors. Each kind of status has a severity of its own, so that the severity view shows every
     * status too: warnings change (every error with an output hash, other multisets: the same hashes in other numbers
     * included), errors recur (one without a hash; and t_same, the same multiset in another order), info is fixed.
     * t_mix is a warning here and an error in the pull request: recurring, with no error of that severity on one side.
     */
    static final List<Failure> BASE = List.of(
            new Failure("t_changed_a", "warning", 1L, 11L, List.of("c_changed"), "h1"),
            new Failure("t_changed_a", "warning", 1L, 11L, List.of("c_changed"), "h1"),
            new Failure("t_changed_a", "warning", 1L, 11L, List.of("c_changed"), "h2"),
            new Failure("t_changed_b", "warning", 2L, 12L, List.of("c_changed", "c_changed_b"), "h3"),
            new Failure("t_recurring", "error", 3L, 13L, List.of("c_recurring"), null),
            new Failure("t_recurring", "error", 3L, 13L, List.of("c_recurring"), "h5"),
            new Failure("t_same", "error", 4L, 14L, List.of("c_same"), "h6"),
            new Failure("t_same", "error", 4L, 14L, List.of("c_same"), "h7"),
            new Failure("t_fixed_a", "info", 6L, 16L, List.of("c_fixed", "c_fixed_b"), "h9"),
            new Failure("t_fixed_a", "info", 6L, 16L, List.of("c_fixed", "c_fixed_b"), "h9"),
            new Failure("t_fixed_a", "info", 6L, 16L, List.of("c_fixed", "c_fixed_b"), "h9"),
            new Failure("t_fixed_b", "info", 7L, 17L, List.of(), null),
            new Failure("t_mix", "warning", 8L, 18L, List.of("c_mix"), "h8"));

    /** The pull request's errors: critical ones are new (ids 9 and 10 and "not given" tie on count). */
    static final List<Failure> PULL_REQUEST = List.of(
            new Failure("t_changed_a", "warning", 1L, 11L, List.of("c_changed"), "h1"),
            new Failure("t_changed_a", "warning", 1L, 11L, List.of("c_changed"), "h2"),
            new Failure("t_changed_a", "warning", 1L, 11L, List.of("c_changed"), "h2"),
            new Failure("t_changed_b", "warning", 2L, 12L, List.of("c_changed", "c_changed_b"), "h4"),
            new Failure("t_changed_b", "warning", 2L, 12L, List.of("c_changed", "c_changed_b"), "h4"),
            new Failure("t_recurring", "error", 3L, 13L, List.of("c_recurring"), "h5"),
            new Failure("t_same", "error", 4L, 14L, List.of("c_same"), "h7"),
            new Failure("t_same", "error", 4L, 14L, List.of("c_same"), "h6"),
            new Failure("t_new_a", "critical", 9L, 19L, List.of("c_new"), "h10"),
            new Failure("t_new_a", "critical", 9L, 19L, List.of("c_new"), "h10"),
            new Failure("t_new_b", "critical", 10L, 20L, List.of("c_new"), null),
            new Failure("t_new_c", "critical", null, null, null, null),
            new Failure("t_mix", "error", 8L, 18L, List.of("c_mix"), null));

    final List<ObjectNode> events = new ArrayList<>();
    ExpectedComparison expected;

    /** Once per class, but after Quarkus has pointed RestAssured at the application. */
    @BeforeEach
    void publishOnce() {
        if (events.isEmpty()) {
            scenario();
            publish(events);
            expected = new ExpectedComparison(events);
        }
    }

    private void scenario() {
        run(MASTER_OLDER, meta(MASTER, LINUX, 1, null, 10), 10, PULL_REQUEST);
        run(MASTER_POINT, meta(MASTER, LINUX, 1, null, 10), 10, BASE);
        run(MASTER_WINDOWS, meta(MASTER, WINDOWS, 1, null, 10), 10, PULL_REQUEST);
        run(MASTER_INCOMPLETE, meta(MASTER, LINUX, 1, null, 10), 4, BASE.subList(0, 6));
        // tests_expected first given by run_completed; the commit by a second run_created; a third one conflicts
        run(PR, meta("cmp-pr-1", LINUX, null, 1, null), null, PULL_REQUEST);
        events.add(Events.runCreated("second-" + TAG, PR, START).put("commit", commit(5)).put("branch", "cmp-pr-1"));
        events.add(Events.runCompleted("completed-" + PR, PR, START, 10, 10));
        events.add(Events.runCreated(CONFLICTING, PR, START).put("branch", "cmp-pr-x").put("platform", WINDOWS));
        run(PR_INCOMPLETE, meta("cmp-pr-2", LINUX, 6, 1, 10), 9, PULL_REQUEST);
        run(PR_BRANCH_EARLIER, meta("cmp-pr-3", LINUX, 7, null, 10), 10, BASE);
        run(PR_NO_BASE, meta("cmp-pr-3", LINUX, 8, 10, 10), 10, PULL_REQUEST);
        run(MASTER_NEXT, meta(MASTER, LINUX, 9, null, 10), 10, PULL_REQUEST);
        run(RELEASE_WINDOWS, meta("cmp-release", WINDOWS, 10, null, 10), 10, BASE);
        run(RELEASE_LINUX, meta("cmp-release", LINUX, 10, null, 10), null, BASE);
        run(LONELY, meta("cmp-lonely", LINUX, 12, null, 10), 10, PULL_REQUEST);
        run(MASTER_LAST, meta(MASTER, LINUX, 13, null, 10), 10, BASE);
        run(NO_PLATFORM, meta("cmp-pr-4", null, 14, 1, 10), 10, PULL_REQUEST);
        run(NOTHING_KNOWN, JsonNodeFactory.instance.objectNode(), null, PULL_REQUEST);
        run(EMPTY, meta(MASTER, WINDOWS, 16, null, 10), null, List.of());
    }

    /** What the scenario is built to show, read from the independent comparison (so the events reach every case). */
    @Test
    void theScenarioHasEveryStatusOnEveryDimensionAndEachResolution() {
        for (String groupBy : ExpectedSummary.GROUP_BYS) {
            assertEquals(Set.of("new", "changed", "recurring", "fixed"), expected.statusesOf(PR, "auto", groupBy, null), groupBy);
            assertEquals(Set.of("new", "changed", "recurring", "not_rerun"), expected.statusesOf(PR_INCOMPLETE, "auto", groupBy, null), groupBy);
            assertEquals(Set.of("no_reference"), expected.statusesOf(PR_NO_BASE, "auto", groupBy, null), groupBy);
            Set<String> withSeverity = new HashSet<>();
            for (String severity : ExpectedSummary.SEVERITIES) {
                withSeverity.addAll(expected.statusesOf(PR, "auto", groupBy, severity));
                withSeverity.addAll(expected.statusesOf(PR_INCOMPLETE, "auto", groupBy, severity));
                withSeverity.addAll(expected.statusesOf(PR_NO_BASE, "auto", groupBy, severity));
            }
            assertEquals(new HashSet<>(ExpectedComparison.STATUSES), withSeverity, groupBy + " with severity");
        }
        // The contract's case: errors here, only warnings in the baseline: recurring, with baseline_count 0 under
        // severity=error; and under severity=warning, no count and no times on this run's side.
        assertEquals(List.of("recurring", 1L, 0L, "error", "null"), mix(expected.page(PR, "auto", "type", "error", null, 100, 0)));
        assertEquals(List.of("recurring", 0L, 1L, "null", "warning"), mix(expected.page(PR, "auto", "type", "warning", null, 100, 0)));
    }

    /** t_mix's status, count, baseline_count, severity and baseline_severity on the page. */
    private static List<Object> mix(JsonNode page) {
        for (JsonNode bucket : page.path("data")) {
            if (bucket.path("key").asText().equals("t_mix")) {
                return List.of(bucket.path("status").asText(), bucket.path("count").asLong(), bucket.path("baseline_count").asLong(),
                        bucket.path("severity").asText(), bucket.path("baseline_severity").asText());
            }
        }
        throw new AssertionError("no t_mix in " + page);
    }

    /** Who the baseline is, as the contract's words say, on the service. */
    @Test
    void autoFindsTheBranchPointOrThePreviousRunOfTheBranchAndNeverFallsBack() {
        assertBaseline(PR, MASTER_POINT, "branch_point");
        assertBaseline(PR_INCOMPLETE, MASTER_POINT, "branch_point");
        assertBaseline(PR_NO_BASE, null, null);
        assertBaseline(MASTER_NEXT, MASTER_POINT, "previous_on_branch");
        assertBaseline(MASTER_LAST, MASTER_NEXT, "previous_on_branch");
        assertBaseline(LONELY, null, null);
        assertBaseline(NO_PLATFORM, null, null);
        assertBaseline(NOTHING_KNOWN, null, null);
        assertBaseline(MASTER_POINT, MASTER_OLDER, "previous_on_branch");
        JsonNode incomplete = compare(PR, "?baseline=" + MASTER_INCOMPLETE).path("baseline");
        assertEquals(MASTER_INCOMPLETE, incomplete.path("run_id").asLong());
        assertEquals("explicit", incomplete.path("resolved_by").asText());
        assertEquals(false, incomplete.path("complete").booleanValue());
    }

    @Test
    void everyCompareWalkedPageByPageEqualsTheIndependentComparisonByteForByte() {
        bodies();
    }

    /** Re-sent as new records, every event (the conflicting one too) changes no byte of any compare. */
    @Test
    void everyEventSentAgainLeavesEveryBodyByteIdentical() {
        Map<String, String> before = bodies();
        publish(events);
        assertEquals(before, bodies());
    }

    @Test
    void aConflictingRunCreatedIsDeadLetteredAndTheRunKeepsItsFirstValues() {
        assertTrue(TestApi.deadLetters().stream().anyMatch(r -> r.value() != null
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"" + CONFLICTING + "\"")), "dead-lettered");
        JsonNode run = compare(PR, "").path("run");
        assertEquals("{\"run_id\":" + PR + ",\"complete\":true,\"branch\":\"cmp-pr-1\",\"platform\":\"" + LINUX
                + "\",\"commit\":\"" + commit(5) + "\",\"tests_expected\":10,\"tests_run\":10}", run.toString());
    }

    @Test
    void theStatusFilterKeepsDataAndTotalNotCounts() {
        for (Set<String> statuses : List.of(Set.of("new", "changed"), Set.of("fixed"), Set.of("not_rerun"),
                Set.of("recurring", "fixed", "no_reference"))) {
            for (String groupBy : ExpectedSummary.GROUP_BYS) {
                walk(new Compare(PR, "auto"), groupBy, null, statuses, 2);
                walk(new Compare(PR_INCOMPLETE, "auto"), groupBy, "warning", statuses, 2);
            }
        }
        JsonNode page = compare(PR, "?status=not_rerun");
        assertEquals(0, page.path("pagination").path("total").asInt());
        assertTrue(page.path("counts").path("fixed").asInt() > 0, page.toString());
    }

    @Test
    void defaultsAreAutoGroupByTypeFiftyFromZero() {
        Response response = authorized().get(comparePath(PR)).then().statusCode(200).extract().response();
        Contract.assertValid(Contract.COMPARISON, json(response));
        assertEquals(expected.page(PR, "auto", "type", null, null, 50, 0).toString(), response.asString());
        assertEquals(response.asString(), authorized().get(comparePath(PR) + "?baseline=auto&group_by=type&limit=50&offset=0")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void anUnknownRunOrExplicitBaselineIsNotFoundNamingIt() {
        assertNotFound(comparePath(UNKNOWN), UNKNOWN);
        assertNotFound(comparePath(UNKNOWN) + "?baseline=" + PR, UNKNOWN);
        assertNotFound(comparePath(PR) + "?baseline=" + UNKNOWN, UNKNOWN);
    }

    /**
     * run_deleted removes the run's metadata with it: its compare is 404, as an explicit baseline too, auto no longer
     * finds it; created again, it has none of the old values.
     */
    @Test
    void aDeletedRunIsNoBaselineAndComesBackWithoutItsMetadata() {
        List<ObjectNode> lifecycle = new ArrayList<>();
        List<ObjectNode> deletedRun = new ArrayList<>();
        runEvents(deletedRun, DELETED, meta("cmp-deleted", LINUX, 30, null, 2), 2, BASE);
        lifecycle.addAll(deletedRun);
        runEvents(lifecycle, AFTER_DELETED, meta("cmp-deleted", LINUX, 31, null, 2), 2, PULL_REQUEST);
        publish(lifecycle);
        ExpectedComparison before = new ExpectedComparison(lifecycle);
        assertBaseline(AFTER_DELETED, DELETED, "previous_on_branch");
        walkAll(before, List.of(new Compare(AFTER_DELETED, "auto"), new Compare(DELETED, Long.toString(AFTER_DELETED))));

        List<ObjectNode> deletion = List.of(Events.runCreated("deleted-" + TAG, DELETED, START).put("kind", "run_deleted"));
        lifecycle.addAll(deletion);
        publish(deletion);
        assertNotFound(comparePath(DELETED), DELETED);
        assertNotFound(comparePath(AFTER_DELETED) + "?baseline=" + DELETED, DELETED);
        assertBaseline(AFTER_DELETED, null, null);

        // Created again with nothing known, and the errors it had before (their event ids forgotten with it).
        List<ObjectNode> again = new ArrayList<>(deletedRun.stream().filter(e -> e.path("kind").asText().equals("error")).toList());
        again.add(0, Events.runCreated("again-" + TAG, DELETED, START));
        lifecycle.addAll(again);
        publish(again);
        assertEquals("{\"run_id\":" + DELETED + ",\"complete\":false,\"branch\":null,\"platform\":null,\"commit\":null,"
                + "\"tests_expected\":null,\"tests_run\":null}", compare(DELETED, "").path("run").toString());
        walkAll(new ExpectedComparison(lifecycle), List.of(new Compare(DELETED, "auto"), new Compare(AFTER_DELETED, "auto"),
                new Compare(AFTER_DELETED, Long.toString(DELETED))));
    }

    /** Every page of every compare of {@link #COMPARES}, each equal to the independent one: by URL, the bodies. */
    private Map<String, String> bodies() {
        return walkAll(expected, COMPARES);
    }

    private Map<String, String> walkAll(ExpectedComparison truth, List<Compare> compares) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (Compare compare : compares) {
            for (String groupBy : ExpectedSummary.GROUP_BYS) {
                List<String> severities = new ArrayList<>(ExpectedSummary.SEVERITIES);
                severities.add(0, null);
                for (String severity : severities) {
                    bodies.putAll(walk(truth, compare, groupBy, severity, null, LIMIT));
                }
            }
        }
        return bodies;
    }

    private Map<String, String> walk(Compare compare, String groupBy, String severity, Set<String> statuses, int limit) {
        return walk(expected, compare, groupBy, severity, statuses, limit);
    }

    /** Walks every page, each one's whole body (run, baseline, counts, data, pagination) byte for byte as expected. */
    private static Map<String, String> walk(ExpectedComparison truth, Compare compare, String groupBy, String severity,
            Set<String> statuses, int limit) {
        Map<String, String> bodies = new LinkedHashMap<>();
        JsonNode next = JsonNodeFactory.instance.numberNode(0);
        while (!next.isNull()) {
            String query = "?baseline=" + compare.baseline() + "&group_by=" + groupBy + "&limit=" + limit + "&offset=" + next.asLong()
                    + (severity == null ? "" : "&severity=" + severity)
                    + (statuses == null ? "" : "&status=" + String.join(",", ExpectedComparison.STATUSES.stream()
                            .filter(statuses::contains).toList()));
            ObjectNode page = truth.page(compare.run(), compare.baseline(), groupBy, severity, statuses, limit, next.asLong());
            Response response = authorized().get(comparePath(compare.run()) + query);
            assertEquals(200, response.statusCode(), () -> comparePath(compare.run()) + query + ": " + response.asString());
            Contract.assertValid(Contract.COMPARISON, json(response));
            assertEquals(page.toString(), response.asString(), compare.run() + query);
            bodies.put(compare.run() + query, response.asString());
            next = page.path("pagination").path("next_offset");
        }
        return bodies;
    }

    private static JsonNode compare(long run, String query) {
        return json(authorized().get(comparePath(run) + query).then().statusCode(200).extract().response());
    }

    private static void assertBaseline(long run, Long baseline, String resolvedBy) {
        JsonNode found = compare(run, "").path("baseline");
        if (baseline == null) {
            assertTrue(found.isNull(), () -> "baseline of " + run + ": " + found);
        } else {
            assertEquals(baseline.longValue(), found.path("run_id").asLong(), () -> "baseline of " + run + ": " + found);
            assertEquals(resolvedBy, found.path("resolved_by").asText(), () -> "baseline of " + run + ": " + found);
        }
    }

    private static void assertNotFound(String path, long id) {
        JsonNode body = json(authorized().get(path).then().statusCode(404).contentType("application/json").extract().response());
        Contract.assertValid(Contract.ERROR, body);
        assertEquals("not_found", body.path("code").asText(), body::toString);
        JsonNode details = body.path("details");
        assertEquals(List.of("run", id, 2), List.of(details.path("resource").asText(), details.path("id").asLong(), details.size()),
                () -> path + ": " + body);
    }

    /** Publishes the events (each checked against the event schema) and waits until the service has applied them. */
    private static void publish(List<ObjectNode> events) {
        try (EventPublisher publisher = TestApi.publisher()) {
            for (ObjectNode event : events) {
                Contract.assertValid(Contract.EVENT, event);
                publisher.send(event);
            }
            TestApi.settle(publisher);
        }
    }

    private void run(long runId, ObjectNode metadata, Integer testsRun, List<Failure> failures) {
        runEvents(events, runId, metadata, testsRun, failures);
    }

    /**
     * A run_created with the metadata, the failures as errors (about 7 s apart, distinct milliseconds) and, when
     * {@code testsRun} is not null, a run_completed with that many tests run.
     */
    private static void runEvents(List<ObjectNode> events, long runId, ObjectNode metadata, Integer testsRun, List<Failure> failures) {
        events.add(Events.runCreated("created-" + runId + "-" + TAG, runId, START).setAll(metadata));
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            ObjectNode error = Events.error("error-" + runId + "-" + i + "-" + TAG, runId, START.plusMillis(i * 7_001L + 1),
                    f.type(), f.severity(), f.sample(), f.regression(), f.categories());
            events.add(f.hash() == null ? error : error.put("output_hash", f.hash()));
        }
        if (testsRun != null) {
            events.add(Events.runCompleted("completed-" + runId + "-" + TAG, runId, START, null, testsRun));
        }
    }

    /** run_created's metadata; commits are numbered, null values not given. */
    private static ObjectNode meta(String branch, String platform, Integer commit, Integer baseCommit, Integer testsExpected) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        if (branch != null) {
            metadata.put("branch", branch);
        }
        if (platform != null) {
            metadata.put("platform", platform);
        }
        if (commit != null) {
            metadata.put("commit", commit(commit));
        }
        if (baseCommit != null) {
            metadata.put("base_commit", commit(baseCommit));
        }
        if (testsExpected != null) {
            metadata.put("tests_expected", testsExpected);
        }
        return metadata;
    }

    /** A SHA-1 in lower-case hex, this test's own. */
    static String commit(int n) {
        return String.format("c0ffee%034x", n);
    }
}
