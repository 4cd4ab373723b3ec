package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.awaitility.Awaitility.await;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * Every kind of value that cannot be counted lands on the dead-letter topic unchanged, with its reason
 * and origin in headers, counts nowhere, and does not stop the records after it.
 */
@ServiceTest
class DeadLetterTest {

    static final long BAD_RUN = 777_001;
    static final long GOOD_RUN = 777_002;
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void eachBadValueIsDeadLetteredWithItsReasonAndCountsNowhere() {
        Map<String, Case> cases = cases();
        try (EventPublisher publisher = TestApi.publisher()) {
            cases.forEach((key, c) -> publisher.send(new ProducerRecord<>(publisher.topic(), null, key, c.value(),
                    List.of(new RecordHeader("worker", utf8("w7"))))));
            publisher.send(Events.error("good-after-bad", GOOD_RUN, AT, "build", "error", 1L, 2L, List.of("DVB")));
            // The good record after all the bad ones is counted: consumption went on.
            assertEquals(1, TestApi.settledErrorCount(publisher, GOOD_RUN));
        }

        Map<String, ConsumerRecord<byte[], byte[]>> dead = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TestApi.deadLetters().forEach(r -> {
                if (r.key() != null && cases.containsKey(new String(r.key(), StandardCharsets.UTF_8))) {
                    dead.put(new String(r.key(), StandardCharsets.UTF_8), r);
                }
            });
            return dead.size() == cases.size();
        });
        cases.forEach((key, c) -> {
            ConsumerRecord<byte[], byte[]> record = dead.get(key);
            assertArrayEquals(c.value(), record.value(), key);
            assertEquals(c.reasonCode(), header(record, DeadLetters.REASON_CODE), key);
            assertFalse(header(record, DeadLetters.REASON).isBlank(), key);
            assertEquals(TestApi.topic(), header(record, DeadLetters.TOPIC), key);
            assertTrue(Integer.parseInt(header(record, DeadLetters.PARTITION)) >= 0, key);
            assertTrue(Long.parseLong(header(record, DeadLetters.OFFSET)) >= 0, key);
            assertEquals("w7", header(record, "worker"), "original headers are kept: " + key);
        });
        authorized().get(summaryPath(BAD_RUN)).then().statusCode(404);
        String metrics = RestAssured.get("/q/metrics").asString();
        for (String code : List.of("not_json", "not_utf8", "not_an_object", "no_value", "unknown_kind",
                "schema_violation", "too_large")) {
            assertTrue(metrics.contains("error_summary_dead_letters_total{reason=\"" + code + "\""), code);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    record Case(byte[] value, String reasonCode) {
    }

    private static Map<String, Case> cases() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("not-json", new Case(utf8("this is not json"), "not_json"));
        cases.put("not-utf8", new Case(new byte[] { '{', '"', (byte) 0xFF, (byte) 0xFE, '"', '}' }, "not_utf8"));
        cases.put("array", new Case(utf8("[{\"kind\":\"error\"}]"), "not_an_object"));
        cases.put("scalar", new Case(utf8("42"), "not_an_object"));
        cases.put("tombstone", new Case(null, "no_value"));
        cases.put("unknown-kind", broken(e -> e.put("kind", "run_finished"), "unknown_kind"));
        cases.put("missing-field", broken(e -> e.remove("event_id"), "schema_violation"));
        cases.put("wrong-type", broken(e -> e.put("run_id", "seven"), "schema_violation"));
        cases.put("run-id-0", broken(e -> e.put("run_id", 0), "schema_violation"));
        cases.put("type-with-spaces", broken(e -> e.put("type", "diff mismatch"), "schema_violation"));
        cases.put("bad-severity", broken(e -> e.put("severity", "fatal"), "schema_violation"));
        cases.put("17-categories", broken(e -> {
            var categories = e.putArray("categories");
            for (int i = 0; i < 17; i++) {
                categories.add("c" + i);
            }
        }, "schema_violation"));
        cases.put("bad-timestamp", broken(e -> e.put("occurred_at", "28/11/2026 12:00"), "schema_violation"));
        cases.put("over-1mb", broken(e -> e.put("message", "x".repeat(1024 * 1024 + 10)), "too_large"));
        return cases;
    }

    private static Case broken(Consumer<ObjectNode> breakIt, String reasonCode) {
        ObjectNode event = Events.error("bad-" + reasonCode, BAD_RUN, AT, "build", "error", 1L, 2L, null);
        breakIt.accept(event);
        try {
            return new Case(Events.JSON.writeValueAsBytes(event), reasonCode);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
