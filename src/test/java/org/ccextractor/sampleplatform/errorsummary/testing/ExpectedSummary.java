package org.ccextractor.sampleplatform.errorsummary.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The summary computed straight from the events, written from the contract's words and independent of
 * the service's code: what the service's pages must add up to.
 */
public final class ExpectedSummary {

    public static final List<String> GROUP_BYS = List.of("type", "sample_id", "regression_id", "category", "severity");
    public static final List<String> SEVERITIES = List.of("info", "warning", "error", "critical");

    /** The key of errors without a sample, a regression test or categories: JSON null, sorted last (README). */
    private static final String NOT_GIVEN = null;

    static final DateTimeFormatter MILLIS_UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ExpectedSummary() {
    }

    /** The buckets of one run, grouped by {@code groupBy}, counting only {@code severity} when not null, in order. */
    public static ArrayNode buckets(List<? extends JsonNode> events, long runId, String groupBy, String severity) {
        Map<String, Acc> groups = new HashMap<>();
        for (JsonNode event : events) {
            if (event.path("run_id").asLong() != runId || !"error".equals(event.path("kind").asText())
                    || (severity != null && !severity.equals(event.path("severity").asText()))) {
                continue;
            }
            for (String key : keys(event, groupBy)) {
                groups.computeIfAbsent(key, k -> new Acc()).add(event);
            }
        }
        Comparator<String> keyOrder = keyOrder(groupBy);
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        groups.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Acc> e) -> -e.getValue().count)
                        .thenComparing(Map.Entry::getKey, keyOrder))
                .forEach(e -> result.add(e.getValue().toJson(groupBy, e.getKey())));
        return result;
    }

    /** The order of the keys of a dimension: ids numerically, other keys in code point order, "not given" last. */
    static Comparator<String> keyOrder(String groupBy) {
        return Comparator.nullsLast(groupBy.endsWith("_id")
                ? Comparator.comparingLong(Long::parseLong)
                : (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
    }

    /** The keys of the buckets an error counts in, in the dimension {@code groupBy} (null: not given). */
    static List<String> keys(JsonNode event, String groupBy) {
        return switch (groupBy) {
            case "type", "severity" -> List.of(event.path(groupBy).asText());
            case "sample_id", "regression_id" -> Collections.singletonList(
                    event.path(groupBy).isIntegralNumber() ? event.path(groupBy).asText() : NOT_GIVEN);
            case "category" -> {
                List<String> categories = new ArrayList<>();
                event.path("categories").forEach(c -> categories.add(c.asText()));
                yield categories.isEmpty() ? Collections.singletonList(NOT_GIVEN) : categories;
            }
            default -> throw new IllegalArgumentException(groupBy);
        };
    }

    private static final class Acc {
        long count;
        int worst = -1;
        Instant first;
        Instant last;

        void add(JsonNode event) {
            count++;
            worst = Math.max(worst, SEVERITIES.indexOf(event.path("severity").asText()));
            Instant at = EventContract.instant(event.path("occurred_at").asText());
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
        }

        ObjectNode toJson(String groupBy, String key) {
            return JsonNodeFactory.instance.objectNode()
                    .put("group_by", groupBy)
                    .put("key", key)
                    .put("count", count)
                    .put("severity", SEVERITIES.get(worst))
                    .put("first_seen_at", MILLIS_UTC.format(first))
                    .put("last_seen_at", MILLIS_UTC.format(last));
        }
    }
}
