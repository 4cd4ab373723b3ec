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
 * A stream of events whose summaries are known in advance (a fixed seed): runs interleaved as parallel
 * test workers would send them, some events re-sent later as new records, some values that cannot be
 * counted. Publishes it at a steady rate and checks a running service against it.
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
            List<ObjectNode> runEvents = DemoEvents.run(run, events / runCount, seed + r, Instant.parse("2026-11-28T08:00:00Z"));
            perRun.add(runEvents);
            distinct.addAll(runEvents);
        }
        List<Map.Entry<Integer, ObjectNode>> resends = new ArrayList<>();
        for (int i = 0; i < events / runCount + 1; i++) {
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
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/runs/" + run + "/error-summary" + query))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return null; // not counted yet
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " for run " + run + query + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return Events.JSON.readTree(response.body());
    }
}
