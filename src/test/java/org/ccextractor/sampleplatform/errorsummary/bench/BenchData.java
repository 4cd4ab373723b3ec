package org.ccextractor.sampleplatform.errorsummary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.local.Events;

/**
 * The benchmark's events with their ground truth, from a fixed seed: runs interleaved as parallel test
 * workers send them, 1 % of the errors re-sent a little later (to be counted once), 0.1 % of the records
 * not JSON at all (dead-lettered). Values are about 300 bytes, as a worker's are.
 */
final class BenchData {

    /**
     * One run: {@code errors} error events over {@code samples} samples and {@code regressions} regression tests, drawn
     * as {@code variant} says; with {@code metadata}, its run_created says what the run is and a run_completed follows
     * its errors.
     */
    record RunSpec(long runId, int errors, int samples, int regressions, Variant variant, Metadata metadata) {

        RunSpec(long runId, int errors, int samples, int regressions) {
            this(runId, errors, samples, regressions, Variant.PLAIN, null);
        }
    }

    /**
     * How a run's errors are drawn: sample ids from {@code sampleShift + 1}, regression ids from {@code regressionShift
     * + 1}, types and categories from {@code types} and {@code categories} (as long as {@link #TYPES} and
     * {@link #CATEGORIES}: the same skew), and, with {@code outputHashes}, an output_hash on every error of every
     * eighth regression test (id divisible by 8), a digest of the test and the sample, so that such a test's bucket
     * is all hashed in every run that has it.
     */
    record Variant(int sampleShift, int regressionShift, String[] types, String[] categories, boolean outputHashes) {

        static final Variant PLAIN = new Variant(0, 0, TYPES, CATEGORIES, false);
    }

    /** What run_created says of a run (baseCommit may be null); its run_completed has tests_run = testsExpected. */
    record Metadata(String branch, String platform, String commit, String baseCommit, int testsExpected) {
    }

    static final String[] TYPES = { "test_failure", "exit_code_mismatch", "missing_output", "diff_mismatch", "queue",
            "vm_provisioning", "checkout", "merge", "build", "worker", "web_server", "storage" };
    static final String[] SEVERITIES = { "info", "warning", "error", "critical" };
    static final String[] CATEGORIES = { "Broken", "DVB", "DVD", "H264", "MP4", "Teletext", "WTV", "MPEG2", "ISDB",
            "ATSC", "CEA-708", "DTVCC", "SCC", "WebVTT", "SRT", "XDS" };
    private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");

    /** Expected count per "run|dimension|scope|key", scope 0 = all severities, 1-4 = one severity. */
    private final Map<String, Long> expected = new HashMap<>();
    /** Per "run|dimension|0|key": how many of the bucket's errors carried an output_hash. */
    private final Map<String, Long> hashed = new HashMap<>();
    private final Set<Long> runs = new TreeSet<>();
    /** The values of the distinct errors of the runs whose every page is checked through the API. */
    private final Map<Long, List<byte[]>> kept = new HashMap<>();
    private final Random random;
    private long records;
    /** Written by the publishing thread, read by the one that waits for the service. */
    private volatile long errorRecords;
    private long distinctErrors;
    private long garbage;

    /** @param keep the runs whose events are kept, for {@link #keptEvents} */
    BenchData(long seed, Set<Long> keep) {
        this.random = new Random(seed);
        keep.forEach(run -> kept.put(run, new ArrayList<>()));
    }

    /**
     * How fast to publish: {@code perSecond} records (0 for as fast as the producer goes) until {@code stop};
     * with a probe, every {@code every}-th record is also an error of the probe run, whose send time is reported.
     */
    record Pace(int perSecond, BooleanSupplier stop, RunSpec probeRun, int every, LongConsumer probeSent) {

        static final Pace FULL_SPEED = new Pace(0, () -> false, null, 0, null);
    }

    /** Publishes the events of the runs, interleaved; returns the number of records sent. */
    long publish(Producer<String, byte[]> producer, String topic, List<RunSpec> runs, Pace pace) {
        long before = records;
        int[] sent = new int[runs.size()];
        long remaining = runs.stream().mapToLong(RunSpec::errors).sum();
        PriorityQueue<long[]> resendsDue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        List<byte[]> resendValues = new ArrayList<>();
        ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
        for (RunSpec run : runs) {
            send(producer, topic, run.runId(), runCreated(run));
        }
        long position = 0;
        long started = System.nanoTime();
        int probes = 0;
        while ((remaining > 0 || !resendsDue.isEmpty()) && !pace.stop().getAsBoolean()) {
            position++;
            if (pace.perSecond() > 0 && position % 100 == 0) {
                long wait = started + (long) (position * 1e9 / pace.perSecond()) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            if (pace.probeRun() != null && position % pace.every() == 0) {
                send(producer, topic, pace.probeRun().runId(), error(pace.probeRun(), probes++));
                errorRecords++;
                distinctErrors++;
                pace.probeSent().accept(System.nanoTime());
            }
            if (!resendsDue.isEmpty() && (resendsDue.peek()[0] <= position || remaining == 0)) {
                long[] due = resendsDue.poll();
                int slot = (int) due[2];
                send(producer, topic, due[1], resendValues.get(slot));
                errorRecords++;
                resendValues.set(slot, null);
                freeSlots.add(slot);
                continue;
            }
            // Weighted by what each run has left, so that all runs end at about the same time.
            long pick = (long) (random.nextDouble() * remaining);
            int r = 0;
            while (pick >= runs.get(r).errors() - sent[r]) {
                pick -= runs.get(r).errors() - sent[r];
                r++;
            }
            RunSpec run = runs.get(r);
            byte[] value = error(run, sent[r]++);
            remaining--;
            send(producer, topic, run.runId(), value);
            errorRecords++;
            distinctErrors++;
            if (random.nextInt(100) == 0) {
                int slot = freeSlots.isEmpty() ? resendValues.size() : freeSlots.poll();
                if (slot == resendValues.size()) {
                    resendValues.add(value);
                } else {
                    resendValues.set(slot, value);
                }
                resendsDue.add(new long[] { position + 1 + random.nextInt(5_000), run.runId(), slot });
            }
            if (random.nextInt(1_000) == 0) {
                send(producer, topic, run.runId(), "{\"kind\":\"error\",\"event_id\":".getBytes(StandardCharsets.UTF_8));
                garbage++;
            }
        }
        if (remaining == 0) {
            // After each run's last error (on the run's partition, so in order): the run is complete.
            for (RunSpec run : runs) {
                if (run.metadata() != null) {
                    send(producer, topic, run.runId(), runCompleted(run));
                }
            }
        }
        producer.flush();
        return records - before;
    }

    private void send(Producer<String, byte[]> producer, String topic, long runId, byte[] value) {
        producer.send(new ProducerRecord<>(topic, Long.toString(runId), value));
        records++;
    }

    private static byte[] runCreated(RunSpec run) {
        long runId = run.runId();
        StringBuilder json = new StringBuilder(256).append("{\"kind\":\"run_created\",\"event_id\":\"run-").append(runId)
                .append("-created\",\"run_id\":").append(runId).append(",\"occurred_at\":\"").append(START).append('"');
        Metadata metadata = run.metadata();
        if (metadata != null) {
            json.append(",\"branch\":\"").append(metadata.branch()).append("\",\"platform\":\"").append(metadata.platform())
                    .append("\",\"commit\":\"").append(metadata.commit()).append('"');
            if (metadata.baseCommit() != null) {
                json.append(",\"base_commit\":\"").append(metadata.baseCommit()).append('"');
            }
            json.append(",\"tests_expected\":").append(metadata.testsExpected());
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] runCompleted(RunSpec run) {
        return ("{\"kind\":\"run_completed\",\"event_id\":\"run-" + run.runId() + "-completed\",\"run_id\":" + run.runId()
                + ",\"occurred_at\":\"" + START.plusMillis(run.errors() * 20L + 20) + "\",\"tests_run\":"
                + run.metadata().testsExpected() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A digest of what regression test {@code regression} produced on sample {@code sample}: 16 hex digits. */
    private static String outputHash(long regression, Long sample) {
        long z = regression * 0x9E3779B97F4A7C15L + (sample == null ? 0 : sample) + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return String.format("%016x", z ^ (z >>> 31));
    }

    private byte[] error(RunSpec run, int n) {
        // Skewed choices, so that some groups dominate as in a real failed run.
        Variant variant = run.variant();
        String type = variant.types()[Math.min(random.nextInt(TYPES.length), random.nextInt(TYPES.length))];
        int severityRank = 1 + Math.max(random.nextInt(4), random.nextInt(4));
        String severity = SEVERITIES[severityRank - 1];
        Long sample = random.nextInt(20) == 0 ? null : variant.sampleShift() + 1L + random.nextInt(run.samples());
        Long regression = random.nextInt(20) == 0 ? null : variant.regressionShift() + 1L + random.nextInt(run.regressions());
        List<String> categories = new ArrayList<>(3);
        for (int c = random.nextInt(4); c > 0; c--) {
            String category = variant.categories()[random.nextInt(CATEGORIES.length)];
            if (!categories.contains(category)) {
                categories.add(category);
            }
        }
        Instant occurredAt = START.plusMillis(n * 20L + random.nextInt(20));
        StringBuilder json = new StringBuilder(320)
                .append("{\"kind\":\"error\",\"event_id\":\"run-").append(run.runId()).append("-error-").append(n)
                .append("\",\"run_id\":").append(run.runId())
                .append(",\"occurred_at\":\"").append(occurredAt)
                .append("\",\"type\":\"").append(type)
                .append("\",\"severity\":\"").append(severity)
                .append("\",\"sample_id\":").append(sample)
                .append(",\"regression_id\":").append(regression)
                .append(",\"categories\":[");
        for (int c = 0; c < categories.size(); c++) {
            json.append(c == 0 ? "\"" : ",\"").append(categories.get(c)).append('"');
        }
        json.append("],\"message\":\"").append(type).append(" in sample ").append(sample)
                .append(": output differs from the reference at line ").append(random.nextInt(10_000))
                .append(" (expected 1280x720, got 1920x1080); see the worker log for the full diff\"");
        boolean hashedError = variant.outputHashes() && regression != null && regression % 8 == 0;
        if (hashedError) {
            json.append(",\"output_hash\":\"").append(outputHash(regression, sample)).append('"');
        }
        json.append('}');

        count(run.runId(), "type", severityRank, type, hashedError);
        count(run.runId(), "severity", severityRank, severity, hashedError);
        count(run.runId(), "sample_id", severityRank, sample == null ? Dimension.NOT_GIVEN : sample.toString(), hashedError);
        count(run.runId(), "regression_id", severityRank, regression == null ? Dimension.NOT_GIVEN : regression.toString(),
                hashedError);
        if (categories.isEmpty()) {
            count(run.runId(), "category", severityRank, Dimension.NOT_GIVEN, hashedError);
        }
        categories.forEach(category -> count(run.runId(), "category", severityRank, category, hashedError));
        byte[] value = json.toString().getBytes(StandardCharsets.UTF_8);
        List<byte[]> keptValues = kept.get(run.runId());
        if (keptValues != null) {
            keptValues.add(value);
        }
        return value;
    }

    private void count(long runId, String dimension, int severityRank, String key, boolean hashedError) {
        runs.add(runId);
        expected.merge(key(runId, dimension, 0, key), 1L, Long::sum);
        expected.merge(key(runId, dimension, severityRank, key), 1L, Long::sum);
        if (hashedError) {
            hashed.merge(key(runId, dimension, 0, key), 1L, Long::sum);
        }
    }

    /** Whether the run has the bucket and every error of it carried an output_hash (issue 18: it may be changed). */
    boolean allHashed(long runId, String dimension, String key) {
        Long count = expected.get(key(runId, dimension, 0, key));
        return count != null && count.equals(hashed.get(key(runId, dimension, 0, key)));
    }

    static String key(long runId, String dimension, int scope, String key) {
        return runId + "|" + dimension + "|" + scope + "|" + key;
    }

    /** What the counters table must hold, row for row. */
    Map<String, Long> expected() {
        return expected;
    }

    /** The number of buckets of one view (one run, dimension and scope). */
    long buckets(long runId, String dimension, int scope) {
        return keys(runId, dimension, scope).size();
    }

    /** The keys of one view (one run, dimension and scope) and their counts; {@link Dimension#NOT_GIVEN} for "not given". */
    Map<String, Long> keys(long runId, String dimension, int scope) {
        String prefix = runId + "|" + dimension + "|" + scope + "|";
        Map<String, Long> keys = new HashMap<>();
        expected.forEach((k, count) -> {
            if (k.startsWith(prefix)) {
                keys.put(k.substring(prefix.length()), count);
            }
        });
        return keys;
    }

    /** The distinct errors of the runs given to the constructor, each once, as JSON. */
    List<JsonNode> keptEvents() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (List<byte[]> values : kept.values()) {
            for (byte[] value : values) {
                events.add(Events.JSON.readTree(value));
            }
        }
        return events;
    }

    /** The runs with errors so far. */
    Set<Long> runs() {
        return runs;
    }

    long records() {
        return records;
    }

    /** Error records sent, re-sent ones included: what a consumer without de-duplication counts. */
    long errorRecords() {
        return errorRecords;
    }

    long distinctErrors() {
        return distinctErrors;
    }

    long garbage() {
        return garbage;
    }
}
