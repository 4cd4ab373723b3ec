package org.ccextractor.sampleplatform.errorsummary.deploy;

import static org.awaitility.Awaitility.await;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

import org.ccextractor.sampleplatform.errorsummary.local.DemoEvents;
import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.testing.MetricSample;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * While events flow, /q/health shows the database, Kafka and liveness checks UP and /q/metrics every metric the
 * README lists for operators: what was counted, dead-lettered (by reason) and dropped as a duplicate, batch sizes
 * and times, the consumer's lag per partition, and request latency per status, under the path template.
 */
// Last of the tests that share its Quarkus start: the Kafka binder registers per-partition gauges a minute after the
// consumer starts, and by then the others have used most of that minute.
@Order(Integer.MAX_VALUE)
@ServiceTest
class HealthAndMetricsTest {

    static final long RUN = 990_001;
    static final int ERRORS = 80;
    static final String TEMPLATE = "/api/v1/runs/{run_id}/error-summary";

    @Test
    void healthAndMetricsShowEveryCheckAndMetricWhileEventsFlow() {
        // Earlier tests of the same start counted too: each metric must grow by what this test does.
        List<MetricSample> before = metrics();
        List<ObjectNode> events = DemoEvents.run(RUN, ERRORS, 3, Instant.parse("2026-11-28T12:00:00Z"));
        try (EventPublisher publisher = TestApi.publisher()) {
            events.forEach(publisher::send);
            publisher.send(events.get(1)); // the same error again: dropped as a duplicate
            publisher.send(Long.toString(RUN), "not json".getBytes(StandardCharsets.UTF_8));
            assertEquals(ERRORS, TestApi.settledErrorCount(publisher, RUN));
        }
        authorized().get(summaryPath(RUN)).then().statusCode(200);
        authorized().get(summaryPath(RUN) + "?limit=0").then().statusCode(400);
        RestAssured.get(summaryPath(RUN)).then().statusCode(401);
        authorized().get(summaryPath(RUN + 1)).then().statusCode(404);

        assertHealth();

        Set<String> partitions = new TreeSet<>();
        for (int p = 0; p < LocalInfrastructure.PARTITIONS; p++) {
            partitions.add(Integer.toString(p));
        }
        // Kafka's per-partition metrics exist once the consumer has fetched; the binder picks new ones up every minute.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertEquals(partitions, lagPartitions(metrics()), "partitions with a lag gauge"));

        List<MetricSample> metrics = metrics();
        assertGrew(ERRORS + 1, before, metrics, "error_summary_events_counted_total", s -> true); // and the sentinel
        assertGrew(1, before, metrics, "error_summary_events_duplicates_total", s -> true);
        assertGrew(1, before, metrics, "error_summary_dead_letters_total", s -> s.label("reason").equals("not_json"));
        assertGrew(1, before, metrics, "error_summary_batch_size_count", s -> true);
        assertGrew(ERRORS, before, metrics, "error_summary_batch_size_sum", s -> true);
        assertGrew(1, before, metrics, "error_summary_batch_duration_seconds_count", s -> true);
        for (String stage : List.of("read", "fence", "dead_letters", "deduplicate", "aggregate", "write", "commit")) {
            assertGrew(1, before, metrics, "error_summary_batch_stage_seconds_count", s -> s.label("stage").equals(stage));
        }

        for (String status : List.of("200", "400", "401")) {
            assertGrew(1, before, metrics, "http_server_requests_seconds_count",
                    s -> s.label("status").equals(status) && s.label("uri").equals(TEMPLATE));
        }
        assertGrew(1, before, metrics, "http_server_requests_seconds_count", s -> s.label("status").equals("404"));
        assertEquals(List.of(), metrics.stream().filter(s -> s.label("uri").matches(".*/runs/[0-9].*")).toList(),
                "series per run id");
    }

    private static void assertHealth() {
        for (String probe : List.of("/q/health/started", "/q/health/live", "/q/health/ready")) {
            RestAssured.get(probe).then().statusCode(200);
        }
        JsonNode health = json(RestAssured.get("/q/health").then().statusCode(200).extract().response());
        Map<String, JsonNode> checks = new HashMap<>();
        health.path("checks").forEach(check -> checks.put(check.path("name").asText(), check));
        for (String name : List.of("PostgreSQL connections",
                "SmallRye Reactive Messaging - readiness check", "SmallRye Reactive Messaging - liveness check",
                "SmallRye Reactive Messaging - startup check")) {
            assertTrue(checks.containsKey(name), () -> name + " in " + health);
            assertEquals("UP", checks.get(name).path("status").asText(), () -> name + " in " + health);
        }
        // The consumer itself, not only the dead-letter producer.
        assertTrue(checks.get("SmallRye Reactive Messaging - readiness check").path("data").has("error-events"), health::toString);
    }

    /** The partitions of the service's topic with a consumer lag gauge. */
    private static Set<String> lagPartitions(List<MetricSample> metrics) {
        return metrics.stream()
                .filter(s -> s.name().equals("kafka_consumer_fetch_manager_records_lag") && s.label("topic").equals(TestApi.topic()))
                .map(s -> s.label("partition")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertGrew(double least, List<MetricSample> before, List<MetricSample> after, String name,
            Predicate<MetricSample> which) {
        double grown = sum(after, name, which) - sum(before, name, which);
        assertTrue(grown >= least, () -> name + " grew by " + grown + ", expected at least " + least);
    }

    private static double sum(List<MetricSample> metrics, String name, Predicate<MetricSample> which) {
        return metrics.stream().filter(s -> s.name().equals(name) && which.test(s)).mapToDouble(MetricSample::value).sum();
    }

    private static List<MetricSample> metrics() {
        return MetricSample.parse(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
