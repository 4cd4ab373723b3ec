package org.ccextractor.sampleplatform.errorsummary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ExpectedSummary;

/**
 * The run command's demo run shows something worth seeing in every view: several buckets in each, buckets of
 * different worst severities, errors of every severity, and the "not given" bucket where a view has one. Its
 * summaries are computed by the tests' independent oracle ({@link ExpectedSummary}).
 */
class DemoEventsTest {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    final List<ObjectNode> events = DemoEvents.run(LocalRunner.DEMO_RUN, LocalRunner.DEMO_ERRORS, LocalRunner.DEMO_SEED, START);

    @Test
    void everyViewHasSeveralBucketsOfDifferentSeverities() {
        for (String groupBy : ExpectedSummary.GROUP_BYS) {
            ArrayNode buckets = ExpectedSummary.buckets(events, LocalRunner.DEMO_RUN, groupBy, null);
            assertTrue(buckets.size() >= 4, groupBy + ": " + buckets);
            assertTrue(severities(buckets).size() >= 2, groupBy + " buckets' worst severities: " + severities(buckets));
        }
    }

    @Test
    void everySeverityOccursUnderSeveralTypes() {
        for (String severity : ExpectedSummary.SEVERITIES) {
            assertTrue(ExpectedSummary.buckets(events, LocalRunner.DEMO_RUN, "type", severity).size() >= 2, severity);
        }
    }

    @Test
    void someErrorsHaveNoSampleRegressionTestOrCategory() {
        for (String groupBy : List.of("sample_id", "regression_id", "category")) {
            ArrayNode buckets = ExpectedSummary.buckets(events, LocalRunner.DEMO_RUN, groupBy, null);
            assertTrue(buckets.findValues("key").stream().anyMatch(JsonNode::isNull), groupBy + ": " + buckets);
        }
    }

    @Test
    void theRunIsTheSameEveryTimeAndValidPerTheSchema() {
        assertEquals(LocalRunner.DEMO_ERRORS + 1, events.size());
        assertEquals(events, DemoEvents.run(LocalRunner.DEMO_RUN, LocalRunner.DEMO_ERRORS, LocalRunner.DEMO_SEED, START));
        assertNotEquals(events, DemoEvents.run(LocalRunner.DEMO_RUN, LocalRunner.DEMO_ERRORS, LocalRunner.DEMO_SEED + 1, START));
        events.forEach(event -> Contract.assertValid(Contract.EVENT, event));
    }

    private static Set<String> severities(ArrayNode buckets) {
        Set<String> severities = new TreeSet<>();
        buckets.forEach(bucket -> severities.add(bucket.path("severity").asText()));
        return severities;
    }
}
