package org.ccextractor.sampleplatform.errorsummary.summary;

import static org.awaitility.Awaitility.await;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ccextractor.sampleplatform.errorsummary.local.DemoEvents;
import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ExpectedSummary;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * Events go in through Kafka with a plain producer; every page of every view comes out of the REST API
 * and must equal the summary computed independently from the same events.
 */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorSummaryEndToEndTest {

    static final long RUN = 501;
    static final long EMPTY_RUN = 502;
    static final long ORDER_RUN = 503;
    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    final List<ObjectNode> events = new ArrayList<>();

    /** Once per class, but after Quarkus has pointed RestAssured at the application. */
    @BeforeEach
    void publishOnce() {
        if (events.isEmpty()) {
            publish();
        }
    }

    private void publish() {
        events.addAll(DemoEvents.run(RUN, 400, 7, START));
        events.add(Events.runCreated("created", EMPTY_RUN, START));
        events.addAll(orderingRun());
        try (EventPublisher publisher = TestApi.publisher()) {
            for (int i = 0; i < events.size(); i++) {
                ObjectNode event = events.get(i);
                Contract.assertValid(Contract.EVENT, event);
                publisher.send(event);
                if (i == 100) {
                    // Bad values in the middle of the stream are skipped; the events after them still count.
                    publisher.send(Long.toString(RUN), "not json".getBytes(StandardCharsets.UTF_8));
                    publisher.send(Long.toString(RUN), "{\"kind\":\"error\",\"run_id\":501}".getBytes(StandardCharsets.UTF_8));
                }
            }
            publisher.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestApi.errorCount(RUN) == 400 && TestApi.errorCount(ORDER_RUN) == 12);
    }

    @Test
    void everyViewWalkedPageByPageEqualsTheIndependentSummary() {
        for (String groupBy : ExpectedSummary.GROUP_BYS) {
            assertWalk(RUN, groupBy, null, 7);
            for (String severity : ExpectedSummary.SEVERITIES) {
                assertWalk(RUN, groupBy, severity, 7);
            }
        }
    }

    @Test
    void defaultsAreGroupByTypeFiftyFromZero() {
        JsonNode page = json(authorized().get(summaryPath(RUN)).then().statusCode(200).extract().response());
        Contract.assertValid(Contract.SUMMARY_PAGE, page);
        ArrayNode expected = ExpectedSummary.buckets(events, RUN, "type", null);
        assertEquals(50, page.path("pagination").path("limit").asInt());
        assertEquals(0, page.path("pagination").path("offset").asInt());
        assertEquals(expected.size(), page.path("pagination").path("total").asInt());
        assertTrue(page.path("pagination").path("next_offset").isNull());
        assertEquals(expected.toString(), page.path("data").toString());
    }

    @Test
    void severityFilterKeepsOnlyThatSeverity() {
        JsonNode page = json(authorized().get(summaryPath(RUN) + "?group_by=type&severity=critical&limit=100")
                .then().statusCode(200).extract().response());
        assertTrue(page.path("data").size() > 0);
        page.path("data").forEach(bucket -> assertEquals("critical", bucket.path("severity").asText()));
    }

    @Test
    void orderIsCountThenKeyNumericForIdsAndNotGivenLast() {
        assertEquals(Arrays.asList("9", "10", null), keys(ORDER_RUN, "sample_id"));
        assertEquals(Arrays.asList("2", "11", null), keys(ORDER_RUN, "regression_id"));
        // Code point order: upper case before lower case, accented letters after both. A category named "none" is
        // a key like any other, apart from the errors without categories.
        assertEquals(Arrays.asList("Zeta", "alpha", "none", "élan", null), keys(ORDER_RUN, "category"));
        assertEquals(List.of("build", "build_x", "buildx"), keys(ORDER_RUN, "type"));
    }

    @Test
    void timesAreUtcWithMillisecondsAndSeverityIsTheWorst() {
        JsonNode bucket = json(authorized().get(summaryPath(ORDER_RUN) + "?group_by=type")
                .then().statusCode(200).extract().response()).path("data").get(0);
        assertEquals("build", bucket.path("key").asText());
        assertEquals("critical", bucket.path("severity").asText());
        assertEquals("2026-11-28T10:00:00.000Z", bucket.path("first_seen_at").asText());
        assertEquals("2026-11-28T12:03:10.250Z", bucket.path("last_seen_at").asText());
    }

    @Test
    void aRunWithOnlyRunCreatedHasAnEmptySummary() {
        await().atMost(Duration.ofSeconds(10)).until(() -> authorized().get(summaryPath(EMPTY_RUN)).statusCode() == 200);
        JsonNode page = json(authorized().get(summaryPath(EMPTY_RUN)).then().statusCode(200).extract().response());
        Contract.assertValid(Contract.SUMMARY_PAGE, page);
        assertEquals(0, page.path("data").size());
        assertEquals(0, page.path("pagination").path("total").asInt());
        assertTrue(page.path("pagination").path("next_offset").isNull());
    }

    @Test
    void anUnknownRunIsNotFound() {
        JsonNode body = json(authorized().get(summaryPath(9317)).then().statusCode(404)
                .contentType("application/json").extract().response());
        Contract.assertValid(Contract.ERROR, body);
        assertEquals(JsonNodeFactory.instance.objectNode().put("code", "not_found").put("message", "Run 9317 not found.")
                .set("details", JsonNodeFactory.instance.objectNode().put("resource", "run").put("id", 9317)), body);
    }

    @Test
    void aPagePastTheEndIsEmptyWithTheTotal() {
        JsonNode page = json(authorized().get(summaryPath(RUN) + "?group_by=severity&offset=10")
                .then().statusCode(200).extract().response());
        assertEquals(0, page.path("data").size());
        assertEquals(4, page.path("pagination").path("total").asInt());
        assertTrue(page.path("pagination").path("next_offset").isNull());
    }

    /** Walks every page and checks each one's pagination, then the whole walk against the expected buckets. */
    private void assertWalk(long runId, String groupBy, String severity, int limit) {
        ArrayNode expected = ExpectedSummary.buckets(events, runId, groupBy, severity);
        ArrayNode walked = JsonNodeFactory.instance.arrayNode();
        Integer offset = 0;
        while (offset != null) {
            String query = "?group_by=" + groupBy + "&limit=" + limit + "&offset=" + offset
                    + (severity == null ? "" : "&severity=" + severity);
            JsonNode page = json(authorized().get(summaryPath(runId) + query).then().statusCode(200).extract().response());
            Contract.assertValid(Contract.SUMMARY_PAGE, page);
            JsonNode pagination = page.path("pagination");
            String view = groupBy + "/" + severity + " at " + offset;
            assertEquals(expected.size(), pagination.path("total").asInt(), view);
            assertEquals(limit, pagination.path("limit").asInt(), view);
            assertEquals(offset.intValue(), pagination.path("offset").asInt(), view);
            assertTrue(page.path("data").size() <= limit, view);
            walked.addAll((ArrayNode) page.path("data"));
            Integer next = offset + limit < expected.size() ? offset + limit : null;
            assertEquals(next == null, pagination.path("next_offset").isNull(), view);
            if (next != null) {
                assertEquals(next.intValue(), pagination.path("next_offset").asInt(), view);
            }
            offset = next;
        }
        assertEquals(expected.toString(), walked.toString(), groupBy + "/" + severity);
    }

    private static List<String> keys(long runId, String groupBy) {
        List<String> keys = new ArrayList<>();
        json(authorized().get(summaryPath(runId) + "?group_by=" + groupBy).then().statusCode(200).extract().response())
                .path("data").forEach(bucket -> keys.add(bucket.path("key").isNull() ? null : bucket.path("key").textValue()));
        return keys;
    }

    /**
     * Twelve errors whose groups tie on count, so that only the key decides: ids 9 and 10 (numeric, not
     * text order), categories in code point order (one named "none"), "not given" last.
     */
    private static List<ObjectNode> orderingRun() {
        List<ObjectNode> run = new ArrayList<>();
        String[][] rows = {
                // type, severity, sample, regression, categories, occurred_at
                { "build", "info", "9", "2", "Zeta,none", "2026-11-28T12:00:00+02:00" },
                { "build", "critical", "9", "2", "alpha", "2026-11-28T12:03:10.250Z" },
                { "build", "warning", "9", "2", "élan", "2026-11-28T11:00:00.5Z" },
                { "build", "error", "9", "2", "", "2026-11-28T11:30:00Z" },
                { "build_x", "info", "10", "11", "Zeta,none", "2026-11-28T11:00:00Z" },
                { "build_x", "info", "10", "11", "alpha", "2026-11-28T11:00:00Z" },
                { "build_x", "info", "10", "11", "élan", "2026-11-28T11:00:00Z" },
                { "build_x", "info", "10", "11", "", "2026-11-28T11:00:00Z" },
                { "buildx", "info", null, null, "Zeta,none", "2026-11-28T11:00:00Z" },
                { "buildx", "info", null, null, "alpha", "2026-11-28T11:00:00Z" },
                { "buildx", "info", null, null, "élan", "2026-11-28T11:00:00Z" },
                { "buildx", "info", null, null, null, "2026-11-28T11:00:00Z" },
        };
        for (int i = 0; i < rows.length; i++) {
            String[] row = rows[i];
            ObjectNode event = Events.error("order-" + i, ORDER_RUN, Instant.EPOCH, row[0], row[1],
                    row[2] == null ? null : Long.parseLong(row[2]), row[3] == null ? null : Long.parseLong(row[3]),
                    row[4] == null ? null : row[4].isEmpty() ? List.of() : List.of(row[4].split(",")));
            event.put("occurred_at", row[5]);
            run.add(event);
        }
        return run;
    }
}
