package org.ccextractor.sampleplatform.errorsummary.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;
import org.ccextractor.sampleplatform.errorsummary.counters.StoredView;
import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.ExpectedSummary;

/**
 * A ranked view's pages, page after page, are the summary that {@link ExpectedSummary} computes straight from the
 * events (the contract's order: count descending, ids numerically, then code points, "not given" last), for every
 * dimension and severity, with keys that differ only in how UTF-16 and code points order them.
 */
class RankedViewTest {

    static final long RUN = 7;
    /** As the service writes JSON (application.properties: snake_case). */
    static final JsonMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule()).build();
    static final List<String> TYPES = List.of("build", "queue", "none", "test_failure", "diff_mismatch");
    /** U+FF21 sorts before U+1F600 in code points, after it in UTF-16 units. */
    static final List<String> CATEGORIES = List.of("DVB", "MP4", "none", "\uFF21", "\uD83D\uDE00", "teletext", "é");

    @Test
    void everyPageOfEveryViewIsTheSummaryOfTheEvents() {
        Random random = new Random(5);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            List<String> categories = random.nextInt(4) == 0 ? null
                    : List.of(CATEGORIES.get(random.nextInt(CATEGORIES.size())));
            events.add(Events.error("e-" + i, RUN, Instant.parse("2026-11-28T12:00:00Z").plusMillis(random.nextInt(10_000_000)),
                    TYPES.get(random.nextInt(TYPES.size())), ExpectedSummary.SEVERITIES.get(random.nextInt(4)),
                    random.nextInt(5) == 0 ? null : 1L + random.nextInt(40), random.nextBoolean() ? null : 990L + random.nextInt(30),
                    categories));
        }
        for (Dimension dimension : Dimension.values()) {
            RankedView view = RankedView.of(1, dimension, stored(events, dimension));
            for (String severity : new ArrayList<>(java.util.Arrays.asList(null, "info", "warning", "error", "critical"))) {
                ArrayNode expected = ExpectedSummary.buckets(events, RUN, dimension.wireName(), severity);
                Optional<Severity> scope = Optional.ofNullable(severity).flatMap(s -> WireNames.find(Severity.values(), s));
                ArrayNode pages = JsonNodeFactory.instance.arrayNode();
                for (int offset = 0; offset < expected.size() + 7; offset += 7) {
                    RankedView.Page page = view.page(scope, 7, offset);
                    assertEquals(expected.size(), page.total(), dimension + " " + severity);
                    page.buckets().forEach(b -> pages.add(JSON.valueToTree(b)));
                }
                assertEquals(expected.toString(), pages.toString(), dimension + " " + severity);
                assertTrue(expected.size() > 1 || dimension == Dimension.SEVERITY && severity != null, "a view of one bucket tests no order");
            }
        }
    }

    /** What BucketCounters reads for the dimension: per key and severity, the count and first and last seen. */
    private static StoredView stored(List<ObjectNode> events, Dimension dimension) {
        Map<String, StoredView.Row> rows = new HashMap<>();
        int severities = Severity.values().length;
        for (ObjectNode event : events) {
            int s = ExpectedSummary.SEVERITIES.indexOf(event.path("severity").asText());
            long at = OffsetDateTime.parse(event.path("occurred_at").asText()).toInstant().toEpochMilli();
            for (String key : keys(event, dimension)) {
                StoredView.Row row = rows.computeIfAbsent(key,
                        k -> new StoredView.Row(k, new long[severities], new long[severities], new long[severities], 0, 0));
                row.firstSeenMillis()[s] = row.counts()[s] == 0 ? at : Math.min(row.firstSeenMillis()[s], at);
                row.lastSeenMillis()[s] = Math.max(row.lastSeenMillis()[s], at);
                row.counts()[s]++;
            }
        }
        return new StoredView(1, RunMetadata.NONE, false, new ArrayList<>(rows.values()));
    }

    private static List<String> keys(ObjectNode event, Dimension dimension) {
        String field = dimension.wireName().equals("category") ? "categories" : dimension.wireName();
        if (dimension == Dimension.CATEGORY) {
            List<String> categories = new ArrayList<>();
            event.path(field).forEach(c -> categories.add(c.asText()));
            return categories.isEmpty() ? List.of(Dimension.NOT_GIVEN) : categories;
        }
        return List.of(event.path(field).isMissingNode() ? Dimension.NOT_GIVEN : event.path(field).asText());
    }
}
