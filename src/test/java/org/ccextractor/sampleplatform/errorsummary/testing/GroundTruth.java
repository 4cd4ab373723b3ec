package org.ccextractor.sampleplatform.errorsummary.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ccextractor.sampleplatform.errorsummary.local.DemoEvents;
import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;

/**
 * A stream of events whose summaries and comparisons are known in advance (a fixed seed): runs interleaved as parallel
 * test workers would send them, some events re-sent later as new records, some values that cannot be
 * counted, and what each run is (issue 18: branch, platform, commit, a pull request's base_commit, complete or not, a
 * conflicting run_created, output hashes). Publishes it at a steady rate and checks a running service against it.
 */
public final class GroundTruth {

    private final List<Long> runs = new ArrayList<>();
    private final List<ObjectNode> distinct = new ArrayList<>();
    private final List<Object> stream = new ArrayList<>();

    /** About {@code events} records over {@code runCount} runs, starting at run id {@code firstRun}. */
    public GroundTruth(long firstRun, int runCount, int events, long seed) {
        Random random = new Random(seed);
        List<List<ObjectNode>> perRun = new ArrayList<>();
        for (int r = 0; r < runCount; r++) {
            long run = firstRun + r;
            runs.add(run);
            List<ObjectNode> runEvents = described(DemoEvents.run(run, events / runCount, seed + r, Instant.parse("2026-11-28T08:00:00Z")),
                    firstRun, r, new Random(seed * 31 + r));
            perRun.add(runEvents);
            distinct.addAll(runEvents);
        }
        List<Map.Entry<Integer, ObjectNode>> resends = new ArrayList<>();
        int longest = perRun.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<ObjectNode> run : perRun) {
                if (i < run.size()) {
                    stream.add(run.get(i));
                    if (random.nextInt(100) == 0) {
                        // re-sent much later, as a worker retrying after a timeout would
                        resends.add(Map.entry(stream.size() + random.nextInt(Math.max(1, events / 4)), run.get(i)));
                    }
                    if (random.nextInt(500) == 0) {
                        stream.add("{\"kind\":\"error\",\"truncated".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        resends.sort(Map.Entry.<Integer, ObjectNode>comparingByKey().reversed());
        resends.forEach(resend -> stream.add(Math.min(resend.getKey(), stream.size()), resend.getValue()));
    }

    /**
     * The run's events with what the run is: on master or (one run in three) a pull request from the master run two
     * before it, on linux or (one in four) windows, complete, incomplete (99 of 100 tests) or never completed; a pull
     * request's run_created repeated with another branch (a conflict, dead-lettered); the output hashes of the
     * mismatch types (some buckets fail the same way, others differently); an error of a type that only some runs have
     * (new, fixed and not_rerun buckets). Branches are this ground truth's own, so that no other run is ever a
     * baseline here. The metadata comes before the run's last error: once every error is counted, all of it is.
     */
    private static List<ObjectNode> described(List<ObjectNode> events, long firstRun, int r, Random random) {
        long run = firstRun + r;
        boolean pullRequest = r % 3 == 2;
        ObjectNode created = events.get(0)
                .put("branch", pullRequest ? "pr-" + firstRun + "-" + r : "master-" + firstRun)
                .put("platform", platform(r))
                .put("commit", commit(run));
        if (pullRequest) {
            created.put("base_commit", commit(run - 2));
        }
        Integer expected = r % 2 == 0 ? 100 : null;
        if (expected != null) {
            created.put("tests_expected", expected);
        }
        for (ObjectNode error : events.subList(1, events.size())) {
            if (List.of("diff_mismatch", "exit_code_mismatch").contains(error.path("type").asText())) {
                error.put("output_hash", "out-" + error.path("regression_id").asText() + "-" + random.nextInt(4));
            }
        }
        List<ObjectNode> described = new ArrayList<>(events);
        described.add(1, Events.error("run-" + run + "-flaky", run, Instant.parse("2026-11-28T07:59:59.999Z"),
                "flaky_" + r % 3, "warning", null, null, null).put("output_hash", "flaky"));
        int last = described.size() - 1;
        if (r % 5 != 4) {
            described.add(last, Events.runCompleted("run-" + run + "-completed", run, Instant.parse("2026-11-28T09:00:00Z"),
                    expected == null ? 100 : null, r % 5 == 1 ? 99 : 100));
        }
        if (pullRequest) {
            described.add(last, Events.runCreated("run-" + run + "-conflicting", run, Instant.parse("2026-11-28T08:00:00Z"))
                    .put("branch", "master-" + firstRun));
        }
        return described;
    }

    private static String platform(int r) {
        return r % 4 == 3 ? "windows" : "linux";
    }

    private static String commit(long run) {
        return String.format("%040x", run);
    }

    public List<Long> runs() {
        return runs;
    }

    public long expectedErrors() {
        return distinct.stream().filter(e -> "error".equals(e.path("kind").asText())).count();
    }

    public int records() {
        return stream.size();
    }

    /** Sends every record, at about {@code perSecond}. */
    public void publish(EventPublisher publisher, int perSecond) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < stream.size(); i++) {
            Object record = stream.get(i);
            if (record instanceof JsonNode event) {
                publisher.send(event);
            } else {
                publisher.send("garbage", (byte[]) record);
            }
            if (i % 500 == 0) {
                long due = start + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        publisher.flush();
    }

    /** Waits until the service has counted every distinct error, then compares every view of every run. */
    public void verify(int port, String token, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        long counted = -1;
        while (Instant.now().isBefore(deadline) && (counted = countedErrors(http, port, token)) != expectedErrors()) {
            Thread.sleep(500);
        }
        assertEquals(expectedErrors(), counted, "errors counted over all runs");
        assertSummaries(port, token, distinct, runs);
        Thread.sleep(1_000); // past error-summary.summary.max-staleness (250 ms): no run's compare older than its counts
        assertComparisons(port, token, distinct, runs);
    }

    /**
     * Every page of each of {@code runs}' compare with its automatic baseline, by every dimension, with and without
     * severity=error, byte for byte what {@code events} (counted once each) give ({@link ExpectedComparison}).
     */
    public static void assertComparisons(int port, String token, List<? extends JsonNode> events, Collection<Long> runs)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExpectedComparison expected = new ExpectedComparison(events);
        for (long run : runs) {
            for (String groupBy : ExpectedSummary.GROUP_BYS) {
                for (String severity : Arrays.asList(null, "error")) {
                    JsonNode next = JsonNodeFactory.instance.numberNode(0);
                    while (!next.isNull()) {
                        String query = "?limit=100&group_by=" + groupBy + (severity == null ? "" : "&severity=" + severity)
                                + "&offset=" + next.asLong();
                        ObjectNode page = expected.page(run, "auto", groupBy, severity, null, 100, next.asLong());
                        HttpResponse<byte[]> response = send(http, port, token, "/api/v1/runs/" + run + "/error-summary/compare" + query);
                        String body = new String(response.body(), StandardCharsets.UTF_8);
                        assertEquals(200, response.statusCode(), () -> "compare of " + run + query + ": " + body);
                        assertEquals(page.toString(), body, "compare of " + run + query);
                        next = page.path("pagination").path("next_offset");
                    }
                }
            }
        }
    }

    /** Every page of every view of each of {@code runs} is what {@code events} (counted once each) add up to. */
    public static void assertSummaries(int port, String token, List<? extends JsonNode> events, Collection<Long> runs) throws Exception {
        assertSummaries(port, token, events, runs, Collections.singletonList(null));
    }

    /** As {@link #assertSummaries(int, String, List, Collection)}, for each of {@code severities} (null: all of them). */
    public static void assertSummaries(int port, String token, List<? extends JsonNode> events, Collection<Long> runs,
            List<String> severities) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (long run : runs) {
            for (String groupBy : ExpectedSummary.GROUP_BYS) {
                for (String severity : severities) {
                    ArrayNode expected = ExpectedSummary.buckets(events, run, groupBy, severity);
                    assertEquals(expected.toString(), walk(http, port, token, run, groupBy, severity).toString(),
                            run + " by " + groupBy + (severity == null ? "" : ", severity " + severity));
                }
            }
        }
    }

    private long countedErrors(HttpClient http, int port, String token) throws Exception {
        long total = 0;
        for (long run : runs) {
            JsonNode page = get(http, port, token, run, "?group_by=severity");
            if (page == null) {
                continue;
            }
            for (JsonNode bucket : page.path("data")) {
                total += bucket.path("count").asLong();
            }
        }
        return total;
    }

    private static ArrayNode walk(HttpClient http, int port, String token, long run, String groupBy, String severity)
            throws Exception {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        List<Long> totals = new ArrayList<>();
        JsonNode next = JsonNodeFactory.instance.numberNode(0);
        while (!next.isNull()) {
            JsonNode page = get(http, port, token, run, "?limit=100&group_by=" + groupBy
                    + (severity == null ? "" : "&severity=" + severity) + "&offset=" + next.asLong());
            if (page == null) {
                throw new AssertionError("run " + run + " is unknown");
            }
            all.addAll((ArrayNode) page.path("data"));
            next = page.path("pagination").path("next_offset");
            // every page's total is the number of buckets that the pages add up to
            totals.add(page.path("pagination").path("total").asLong());
        }
        for (long total : totals) {
            assertEquals(all.size(), total, "pagination.total of run " + run + " by " + groupBy + ", severity " + severity);
        }
        return all;
    }

    private static JsonNode get(HttpClient http, int port, String token, long run, String query) throws Exception {
        HttpResponse<byte[]> response = send(http, port, token, "/api/v1/runs/" + run + "/error-summary" + query);
        if (response.statusCode() == 404) {
            return null; // not counted yet
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " for run " + run + query + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return Events.JSON.readTree(response.body());
    }

    private static HttpResponse<byte[]> send(HttpClient http, int port, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
