package org.ccextractor.sampleplatform.errorsummary.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The comparison of a run with its baseline (GET /api/v1/runs/{run_id}/error-summary/compare) computed straight from
 * the events, written from the contract's words and independent of the service's code, as {@link ExpectedSummary} is:
 * the runs' metadata (the first known value of each field wins; an event that contradicts one changes nothing), which
 * runs are complete, the baseline that {@code auto} resolves to, each bucket's status (decided on the whole bucket),
 * the {@code severity} rule, the order, the counts and the page. Multisets of output hashes are compared as
 * multisets, not through a digest.
 */
public final class ExpectedComparison {

    public static final List<String> STATUSES = List.of("new", "changed", "recurring", "not_rerun", "fixed", "no_reference");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** What is known of a run since it was (last) created: its metadata, null while unknown, and its errors, once each. */
    private static final class Run {
        final long id;
        final Map<String, Object> metadata = new LinkedHashMap<>();
        final Set<String> errorIds = new HashSet<>();
        final List<JsonNode> errors = new ArrayList<>();

        Run(long id) {
            this.id = id;
        }

        String text(String field) {
            return (String) metadata.get(field);
        }

        Long number(String field) {
            return (Long) metadata.get(field);
        }

        /** Completed with every test it was to run. */
        boolean complete() {
            return number("tests_run") != null && number("tests_run").equals(number("tests_expected"));
        }

        /** Takes every value of the event, or none when one contradicts what is known. */
        void fillIn(JsonNode event, List<String> fields) {
            Map<String, Object> given = new LinkedHashMap<>();
            for (String field : fields) {
                JsonNode value = event.path(field);
                if (!value.isMissingNode() && !value.isNull()) {
                    given.put(field, value.isIntegralNumber() ? (Object) value.asLong() : value.asText());
                }
            }
            boolean conflict = given.entrySet().stream()
                    .anyMatch(e -> metadata.get(e.getKey()) != null && !metadata.get(e.getKey()).equals(e.getValue()));
            if (!conflict) {
                metadata.putAll(given);
            }
        }

        ObjectNode describe() {
            return JSON.objectNode()
                    .put("run_id", id)
                    .put("complete", complete())
                    .put("branch", text("branch"))
                    .put("platform", text("platform"))
                    .put("commit", text("commit"))
                    .put("tests_expected", number("tests_expected"))
                    .put("tests_run", number("tests_run"));
        }
    }

    /** A baseline and how it was found. */
    private record Baseline(Run run, String resolvedBy) {
    }

    /** One bucket of one run: its errors of all severities. */
    private static final class Bucket {
        final List<JsonNode> errors = new ArrayList<>();

        /** Every error carried an output_hash (and there is one). */
        boolean allHashed() {
            return !errors.isEmpty() && errors.stream().allMatch(e -> e.hasNonNull("output_hash"));
        }

        /** The output hashes as a multiset: each hash and how often it occurs. */
        Map<String, Long> hashes() {
            Map<String, Long> multiset = new HashMap<>();
            errors.forEach(e -> multiset.merge(e.path("output_hash").asText(), 1L, Long::sum));
            return multiset;
        }

        /** The errors counted under {@code severity} (null: all). */
        List<JsonNode> counted(String severity) {
            return errors.stream().filter(e -> severity == null || severity.equals(e.path("severity").asText())).toList();
        }
    }

    private final Map<Long, Run> runs = new HashMap<>();

    /** The state that {@code events} leave, applied in their order (as one partition holds each run's events). */
    public ExpectedComparison(Collection<? extends JsonNode> events) {
        for (JsonNode event : events) {
            long runId = event.path("run_id").asLong();
            switch (event.path("kind").asText()) {
                case "run_deleted" -> runs.remove(runId);
                case "run_created" -> run(runId).fillIn(event,
                        List.of("branch", "platform", "commit", "base_commit", "tests_expected"));
                case "run_completed" -> run(runId).fillIn(event, List.of("tests_expected", "tests_run"));
                case "error" -> {
                    Run run = run(runId);
                    if (run.errorIds.add(event.path("event_id").asText())) {
                        run.errors.add(event);
                    }
                }
                default -> throw new IllegalArgumentException("not an event of the contract: " + event);
            }
        }
    }

    private Run run(long runId) {
        return runs.computeIfAbsent(runId, Run::new);
    }

    public boolean known(long runId) {
        return runs.containsKey(runId);
    }

    /**
     * The run that {@code baseline} names: itself when a run id, else the branch point for a run with base_commit
     * (never anything else), else the previous complete run of the branch on the platform.
     */
    private Optional<Baseline> resolve(Run run, String baseline) {
        if (!baseline.equals("auto")) {
            Run explicit = runs.get(Long.parseLong(baseline));
            if (explicit == null || explicit == run) {
                throw new IllegalArgumentException("not a baseline of run " + run.id + ": " + baseline);
            }
            return Optional.of(new Baseline(explicit, "explicit"));
        }
        String platform = run.text("platform");
        if (run.text("base_commit") != null) {
            return platform == null ? Optional.empty() : highestComplete(other -> other != run
                    && run.text("base_commit").equals(other.text("commit")) && platform.equals(other.text("platform")))
                    .map(found -> new Baseline(found, "branch_point"));
        }
        String branch = run.text("branch");
        return branch == null || platform == null ? Optional.empty() : highestComplete(other -> other.id < run.id
                && branch.equals(other.text("branch")) && platform.equals(other.text("platform")))
                .map(found -> new Baseline(found, "previous_on_branch"));
    }

    private Optional<Run> highestComplete(java.util.function.Predicate<Run> wanted) {
        return runs.values().stream().filter(Run::complete).filter(wanted).max(Comparator.comparingLong(r -> r.id));
    }

    /**
     * The body of the compare of {@code runId} with {@code baseline} ("auto" or a run id) by {@code groupBy},
     * counting only {@code severity} when not null, keeping the {@code statuses} in {@code data} (null: all), the page
     * at {@code offset} of {@code limit}.
     */
    public ObjectNode page(long runId, String baseline, String groupBy, String severity, Set<String> statuses,
            int limit, long offset) {
        Run run = runs.get(runId);
        if (run == null) {
            throw new IllegalArgumentException("run " + runId + " is unknown");
        }
        Optional<Baseline> base = resolve(run, baseline);
        List<ObjectNode> compared = compare(run, base.map(Baseline::run).orElse(null), groupBy, severity);
        ObjectNode counts = JSON.objectNode();
        STATUSES.forEach(status -> counts.put(status, 0));
        compared.forEach(bucket -> counts.put(bucket.path("status").asText(), counts.path(bucket.path("status").asText()).asLong() + 1));
        List<ObjectNode> kept = compared.stream()
                .filter(bucket -> statuses == null || statuses.contains(bucket.path("status").asText())).toList();
        ArrayNode data = JSON.arrayNode();
        kept.stream().skip(offset).limit(limit).forEach(data::add);
        ObjectNode body = JSON.objectNode();
        body.set("run", run.describe());
        body.set("baseline", base.map(b -> (JsonNode) b.run().describe().put("resolved_by", b.resolvedBy())).orElse(JSON.nullNode()));
        body.set("counts", counts);
        body.set("data", data);
        body.putObject("pagination")
                .put("limit", limit)
                .put("offset", offset)
                .put("total", kept.size())
                .put("next_offset", offset + limit < kept.size() ? Long.valueOf(offset + limit) : null);
        return body;
    }

    /** Every bucket of the view, with its status, in the contract's order. */
    private static List<ObjectNode> compare(Run run, Run baseline, String groupBy, String severity) {
        Map<String, Bucket> here = buckets(run, groupBy);
        Map<String, Bucket> there = baseline == null ? new HashMap<>() : buckets(baseline, groupBy); // null keys too
        Set<String> keys = new HashSet<>(here.keySet());
        keys.addAll(there.keySet());
        Bucket none = new Bucket();
        List<ObjectNode> compared = new ArrayList<>();
        for (String key : keys) {
            Bucket mine = here.getOrDefault(key, none);
            Bucket theirs = there.getOrDefault(key, none);
            List<JsonNode> counted = mine.counted(severity);
            List<JsonNode> baselineCounted = theirs.counted(severity);
            if (counted.isEmpty() && baselineCounted.isEmpty()) {
                continue; // no error of that severity in either run
            }
            compared.add(JSON.objectNode()
                    .put("group_by", groupBy)
                    .put("key", key)
                    .put("status", status(run, baseline, mine, theirs))
                    .put("count", counted.size())
                    .put("baseline_count", baselineCounted.size())
                    .put("severity", worst(counted))
                    .put("baseline_severity", worst(baselineCounted))
                    .put("first_seen_at", seen(counted, Comparator.naturalOrder()))
                    .put("last_seen_at", seen(counted, Comparator.reverseOrder())));
        }
        Comparator<String> keyOrder = ExpectedSummary.keyOrder(groupBy);
        compared.sort(Comparator.comparingInt((ObjectNode b) -> STATUSES.indexOf(b.path("status").asText()))
                .thenComparingLong(b -> List.of("not_rerun", "fixed").contains(b.path("status").asText())
                        ? -b.path("baseline_count").asLong()
                        : -b.path("count").asLong())
                .thenComparing(b -> b.path("key").isNull() ? null : b.path("key").asText(), keyOrder));
        return compared;
    }

    /** The bucket's status, decided on the whole buckets of both runs, whatever the severity counted. */
    private static String status(Run run, Run baseline, Bucket mine, Bucket theirs) {
        boolean inRun = !mine.errors.isEmpty();
        boolean inBaseline = !theirs.errors.isEmpty();
        if (baseline == null) {
            return "no_reference";
        }
        if (inRun && !inBaseline) {
            return "new";
        }
        if (!inRun) {
            return run.complete() ? "fixed" : "not_rerun";
        }
        return mine.allHashed() && theirs.allHashed() && !mine.hashes().equals(theirs.hashes()) ? "changed" : "recurring";
    }

    private static Map<String, Bucket> buckets(Run run, String groupBy) {
        Map<String, Bucket> buckets = new HashMap<>();
        for (JsonNode error : run.errors) {
            for (String key : ExpectedSummary.keys(error, groupBy)) {
                buckets.computeIfAbsent(key, k -> new Bucket()).errors.add(error);
            }
        }
        return buckets;
    }

    /** The worst severity of the errors; null for none. */
    private static String worst(List<JsonNode> errors) {
        return errors.stream().map(e -> e.path("severity").asText())
                .max(Comparator.comparingInt(ExpectedSummary.SEVERITIES::indexOf)).orElse(null);
    }

    /** The first of the errors' times in {@code order}, as the API writes times; null for none. */
    private static String seen(List<JsonNode> errors, Comparator<Instant> order) {
        return errors.stream().map(e -> EventContract.instant(e.path("occurred_at").asText())).min(order)
                .map(ExpectedSummary.MILLIS_UTC::format).orElse(null);
    }

    /** The statuses that occur in the view (for a test to show that its events reach each one). */
    public Set<String> statusesOf(long runId, String baseline, String groupBy, String severity) {
        Set<String> found = new HashSet<>();
        page(runId, baseline, groupBy, severity, null, Integer.MAX_VALUE, 0).path("data")
                .forEach(bucket -> found.add(bucket.path("status").asText()));
        return found;
    }
}
