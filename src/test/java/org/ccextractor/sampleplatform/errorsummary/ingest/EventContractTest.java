package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;
import org.ccextractor.sampleplatform.errorsummary.ingest.InvalidEventException.Reason;
import org.ccextractor.sampleplatform.errorsummary.testing.EventContract;
import org.ccextractor.sampleplatform.errorsummary.testing.EventCorpus;

/**
 * The parser and the published schema agree on every value of a corpus of valid and invalid events: the parser
 * counts exactly what the schema accepts (decided by {@link EventContract}, independently of the parser), and reads
 * each accepted value as the schema means it: the same ids, the same instant, the same strings.
 */
class EventContractTest {

    final EventParser parser = new EventParser(1024 * 1024);

    @Test
    void everyEdgeCaseIsCountedExactlyWhenTheSchemaAcceptsIt() {
        List<String> disagreements = new ArrayList<>();
        EventCorpus.edgeCases().forEach((name, value) -> check(name, value, disagreements));
        assertEquals(List.of(), disagreements);
    }

    @Test
    void everyMutatedEventIsCountedExactlyWhenTheSchemaAcceptsIt() {
        Random random = new Random(20261130);
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] value = EventCorpus.mutate(random, EventCorpus.validError(random, 7, "m-" + i));
            accepted += check("mutation " + i, value, disagreements) ? 1 : 0;
        }
        assertEquals(List.of(), disagreements);
        // A corpus that the schema refused (or accepted) whole would test one side only.
        assertNotEquals(0, accepted);
        assertNotEquals(5_000, accepted);
    }

    @Test
    void everyNumberInAnIdFieldIsCountedExactlyWhenTheSchemaAcceptsIt() {
        Random random = new Random(20261203);
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < 5_000; i++) {
            com.fasterxml.jackson.databind.node.ObjectNode valid = EventCorpus.validError(random, 880_000_001, "n-" + i);
            String field = List.of("run_id", "sample_id", "regression_id").get(i % 3);
            String number = EventCorpus.numericForm(random, valid.path(field).asLong(1));
            byte[] value = EventCorpus.json(valid.put(field, "RAW")).replace("\"RAW\"", number)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            accepted += check(field + " " + number, value, disagreements) ? 1 : 0;
        }
        assertEquals(List.of(), disagreements);
        assertNotEquals(0, accepted);
        assertNotEquals(5_000, accepted);
    }

    /** Adds a line for a disagreement; true when the value is accepted. */
    private boolean check(String name, byte[] value, List<String> disagreements) {
        Optional<JsonNode> expected = EventContract.accepted(value);
        ErrorEvent parsed;
        try {
            parsed = parser.parse(value);
        } catch (InvalidEventException refused) {
            if (expected.isPresent()) {
                disagreements.add(name + ": the schema accepts it, the parser refuses it (" + refused.getMessage() + "): "
                        + EventCorpus.show(value));
            } else if (refused.reason() == Reason.NOT_UTF8 || refused.reason() == Reason.NOT_JSON) {
                // nothing more to compare
            }
            return false;
        }
        if (expected.isEmpty()) {
            disagreements.add(name + ": the schema refuses it, the parser accepts it: " + EventCorpus.show(value));
            return false;
        }
        JsonNode tree = expected.get();
        Map<String, Object> want = new java.util.LinkedHashMap<>();
        Map<String, Object> got = new java.util.LinkedHashMap<>();
        compare(want, got, "kind", tree.path("kind").asText(), parsed.kind().name().toLowerCase());
        compare(want, got, "event_id", tree.path("event_id").asText(), parsed.eventId());
        compare(want, got, "run_id", tree.path("run_id").decimalValue().longValueExact(), parsed.runId());
        compare(want, got, "occurred_at", EventContract.instant(tree.path("occurred_at").asText()),
                parsed.occurredAt().toInstant());
        if (parsed.kind() == ErrorEvent.Kind.ERROR) {
            compare(want, got, "type", tree.path("type").asText(), parsed.type());
            compare(want, got, "severity", tree.path("severity").asText(), parsed.severity().wireName());
            compare(want, got, "sample_id", id(tree.path("sample_id")), parsed.sampleId());
            compare(want, got, "regression_id", id(tree.path("regression_id")), parsed.regressionId());
            List<String> categories = new ArrayList<>();
            tree.path("categories").forEach(c -> categories.add(c.asText()));
            compare(want, got, "categories", categories, parsed.categories() == null ? List.of() : parsed.categories());
            compare(want, got, "output_hash", tree.path("output_hash").textValue(), parsed.outputHash());
        } else {
            compare(want, got, "output_hash", null, parsed.outputHash());
        }
        boolean created = parsed.kind() == ErrorEvent.Kind.RUN_CREATED;
        boolean completed = parsed.kind() == ErrorEvent.Kind.RUN_COMPLETED;
        RunMetadata says = created || completed ? new RunMetadata(
                created ? tree.path("branch").textValue() : null, created ? tree.path("platform").textValue() : null,
                created ? tree.path("commit").textValue() : null, created ? tree.path("base_commit").textValue() : null,
                count(tree.path("tests_expected")), completed ? count(tree.path("tests_run")) : null) : null;
        // A run_created that says nothing of its run has no metadata.
        compare(want, got, "metadata", RunMetadata.NONE.equals(says) ? null : says, parsed.metadata());
        if (!want.equals(got)) {
            disagreements.add(name + ": read as " + got + ", the schema means " + want + ": " + EventCorpus.show(value));
        }
        return true;
    }

    private static void compare(Map<String, Object> want, Map<String, Object> got, String field, Object expected, Object actual) {
        want.put(field, expected);
        got.put(field, actual);
    }

    private static Integer count(JsonNode node) {
        return node.isNumber() ? node.decimalValue().intValueExact() : null;
    }

    private static Long id(JsonNode node) {
        return node.isNumber() ? node.decimalValue().longValueExact() : null;
    }
}
