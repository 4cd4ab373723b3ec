package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

import org.ccextractor.sampleplatform.errorsummary.ingest.InvalidEventException.Reason;
import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.EventContract;
import org.ccextractor.sampleplatform.errorsummary.testing.EventCorpus;
import org.ccextractor.sampleplatform.errorsummary.testing.GroundTruth;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * Thousands of mutated events (and every edge case of {@link EventCorpus}) between valid ones, through the real broker
 * and database: the consumer never stalls, every record is counted or dead-lettered once with a reason code, and every
 * view of every run equals what the values that the published schema accepts add up to ({@link EventContract}).
 */
@ServiceTest
class EventFuzzTest {

    /** Run ids of nine digits that no other test uses, so that a digit flipped by a mutation lands on a run of ours. */
    static final long FIRST_RUN = 880_000_001;
    static final int RUNS = 8;
    static final int MUTATED = 3_000;
    static final Set<String> REASONS = Set.of(Reason.values()).stream().map(Reason::code)
            .collect(java.util.stream.Collectors.toSet());

    @Test
    void everyRecordIsCountedOrDeadLetteredAndTheCountsAreTheSchemasGroundTruth() throws Exception {
        Random random = new Random(1130);
        List<byte[]> values = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        // Not the run_id cases: their exact ids (7.0, 1e3, 2^63-1) are runs that other tests may use. Nor the run
        // metadata cases: they give one run conflicting values (RunMetadataTest holds what conflicts do).
        List<byte[]> edges = EventCorpus.edgeCases().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("run_id") && !e.getKey().startsWith("metadata"))
                .map(Map.Entry::getValue).toList();
        for (int i = 0; i < MUTATED + edges.size(); i++) {
            long run = FIRST_RUN + random.nextInt(RUNS);
            ObjectNode valid = EventCorpus.validError(random, run, "fuzz-" + i);
            values.add(Events.JSON.writeValueAsBytes(valid));
            keys.add(Long.toString(run));
            ObjectNode base = EventCorpus.validError(random, run, "fuzz-m-" + i);
            byte[] mutated = i < MUTATED ? EventCorpus.mutate(random, base) : withRun(edges.get(i - MUTATED), run);
            values.add(mutated);
            keys.add(Long.toString(run));
        }
        for (int r = 0; r < RUNS; r++) {
            long run = FIRST_RUN + r;
            values.add(Events.JSON.writeValueAsBytes(Events.error("sentinel-" + run, run, java.time.Instant.parse("2026-11-28T12:00:00Z"),
                    "fuzz_sentinel", "info", null, null, null)));
            keys.add(Long.toString(run));
        }

        try (EventPublisher publisher = TestApi.publisher()) {
            for (int i = 0; i < values.size(); i++) {
                publisher.send(keys.get(i), values.get(i));
            }
            publisher.flush();
        }

        // The ground truth, record by record in each run's order (one partition each), as the schema means them.
        Map<Long, List<JsonNode>> counted = new TreeMap<>();
        Map<Long, Set<String>> seen = new HashMap<>();
        Set<Long> known = new LinkedHashSet<>();
        Set<Long> deleted = new HashSet<>();
        int refused = 0;
        for (byte[] value : values) {
            Optional<JsonNode> accepted = EventContract.accepted(value);
            if (accepted.isEmpty()) {
                refused++;
                continue;
            }
            JsonNode event = normalized(accepted.get());
            long run = event.path("run_id").asLong();
            switch (event.path("kind").asText()) {
                case "run_deleted" -> {
                    known.remove(run);
                    deleted.add(run);
                    counted.remove(run);
                    seen.remove(run);
                }
                case "run_created", "run_completed" -> known.add(run);
                default -> {
                    known.add(run);
                    if (seen.computeIfAbsent(run, k -> new HashSet<>()).add(event.path("event_id").asText())) {
                        counted.computeIfAbsent(run, k -> new ArrayList<>()).add(event);
                    }
                }
            }
        }
        deleted.removeAll(known);
        // A mutation may move an event to another run, never to one that other tests use.
        known.forEach(run -> assertTrue(run >= 10_000_000, "run " + run + " is not one of this test's"));

        // Each run's last record is its sentinel: once every sentinel is counted, everything before it was handled.
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            for (int r = 0; r < RUNS; r++) {
                var response = TestApi.authorized().get(TestApi.summaryPath(FIRST_RUN + r) + "?group_by=type&limit=100");
                if (response.statusCode() != 200 || !response.asString().contains("\"fuzz_sentinel\"")) {
                    return false;
                }
            }
            return true;
        });

        List<JsonNode> events = counted.values().stream().flatMap(List::stream).toList();
        GroundTruth.assertSummaries(RestAssured.port, TestApi.readerToken(), events, known);
        for (long run : deleted) {
            TestApi.authorized().get(TestApi.summaryPath(run)).then().statusCode(404);
        }
        Set<String> ourKeys = new HashSet<>(keys);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = TestApi.deadLetters().stream()
                .filter(r -> r.key() != null && ourKeys.contains(new String(r.key(), StandardCharsets.UTF_8))).toList();
        assertEquals(refused, deadLetters.size(), "every refused record dead-lettered once, and nothing else");
        for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters) {
            var code = deadLetter.headers().lastHeader(DeadLetters.REASON_CODE);
            assertTrue(code != null && REASONS.contains(new String(code.value(), StandardCharsets.UTF_8)), deadLetter::toString);
        }
        assertTrue(refused > MUTATED / 4 && refused < values.size() - MUTATED / 4, "the corpus has both kinds: " + refused);
    }

    /** An edge case's value moved into {@code run}: its run_id (written as 7 by the corpus) becomes that run's. */
    private static byte[] withRun(byte[] value, long run) {
        String text = new String(value, StandardCharsets.ISO_8859_1);
        return text.replace("\"run_id\":7,", "\"run_id\":" + run + ",").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Ids as the integers they are (7.0 is 7), the form ExpectedSummary reads. */
    private static JsonNode normalized(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        for (String field : List.of("run_id", "sample_id", "regression_id")) {
            if (copy.path(field).isNumber()) {
                copy.put(field, copy.path(field).decimalValue().longValueExact());
            }
        }
        return copy;
    }
}
