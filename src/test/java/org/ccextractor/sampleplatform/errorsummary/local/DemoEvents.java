package org.ccextractor.sampleplatform.errorsummary.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A reproducible run as CCExtractor's test workers would report it (a fixed seed): mostly regression tests that
 * fail (their sample and the sample's categories given), a few of them far more often than the rest, and some
 * failures of the CI itself (a build, the queue, a VM) that belong to no sample, regression test or category. Each
 * kind of failure has severities of its own, and only a few tests crash, so that the worst severity differs between
 * the buckets of every view.
 * <p>
 * The run command's demo is two such runs that know what they tested ({@link #masterRun}, {@link #pullRequestRun}):
 * a complete run of master, and a complete run of a pull request branched from master's commit that fails mostly as
 * master does, so that the comparison of the two has buckets of every status a complete run can have.
 */
public final class DemoEvents {

    /**
     * One kind of failure: its {@code type}, its share of a run's errors in percent, its severities (one drawn at
     * random per error, so a severity named twice is twice as likely) and whether it is a regression test's.
     */
    record Kind(String type, int percent, List<String> severities, boolean ofATest) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("test_failure", 33, List.of("error", "error", "error", "warning"), true),
            new Kind("diff_mismatch", 27, List.of("warning", "warning", "error", "info"), true),
            new Kind("exit_code_mismatch", 14, List.of("error"), true),
            new Kind("missing_output", 11, List.of("error", "error", "warning"), true),
            new Kind("queue", 6, List.of("info", "info", "warning"), false),
            new Kind("build", 4, List.of("critical", "critical", "error"), false),
            new Kind("vm_provisioning", 5, List.of("critical", "error"), false));

    /** The sample platform's categories of samples. */
    static final List<String> CATEGORIES = List.of("ATSC", "Broken", "CEA-708", "DVB", "DVD", "General", "H264", "MKV",
            "MP4", "Teletext", "WTV", "XDS");

    /**
     * A regression test of the sample platform: its id, its sample's and the sample's categories (maybe none), and
     * whether the binary crashes on it (killed by a signal: its exit code mismatch is critical).
     */
    record RegressionTest(long id, long sampleId, List<String> categories, boolean crashes) {
    }

    /** 30 samples with one to three regression tests each, the same for every run. */
    static final List<RegressionTest> TESTS = regressionTests(new Random(1));

    /** Where both demo runs ran. */
    static final String PLATFORM = "linux";
    static final String MASTER_BRANCH = "master";
    /** The commit the master run tested, which is also the pull request's branch point (its base_commit). */
    static final String MASTER_COMMIT = "5d41a9e0c3b27f86d14e9a0b3c6f28e7a91d4c05";
    static final String PULL_REQUEST_BRANCH = "pr-1234";
    static final String PULL_REQUEST_COMMIT = "e8b3f1c94a06d27b5e19c8a3f70d64b2c95e1a38";

    /* What the pull request changes, by sample; every other sample fails exactly as on master. */
    /** Its first regression test fails with another output than on master: the sample fails differently. */
    static final long CHANGED_SAMPLE = 1;
    /** Its tests fail on master and pass in the pull request. */
    static final long FIXED_SAMPLE = 7;
    /** Its tests pass on master and time out in the pull request. */
    static final long BROKEN_SAMPLE = 30;
    /** The pull request's run: one timeout of {@link #BROKEN_SAMPLE} for every this many errors of master's. */
    static final int BROKEN_EVERY = 25;

    private DemoEvents() {
    }

    /** A run_created event and {@code count} error events of one run, starting at {@code start}, one every 250 ms or so. */
    public static List<ObjectNode> run(long runId, int count, long seed, Instant start) {
        return run(runId, count, seed, start, TESTS);
    }

    /**
     * A complete run of master on {@link #PLATFORM} at {@link #MASTER_COMMIT}: a run as {@link #run} makes it, except
     * that {@link #BROKEN_SAMPLE}'s tests pass, that each error of a regression test carries the hash of the test's
     * output, and that a run_completed, all of {@link #TESTS} run, follows its errors.
     */
    public static List<ObjectNode> masterRun(long runId, int count, long seed, Instant start) {
        List<ObjectNode> events = run(runId, count, seed, start,
                TESTS.stream().filter(test -> test.sampleId() != BROKEN_SAMPLE).toList());
        describe(events.get(0), MASTER_BRANCH, MASTER_COMMIT, null);
        for (ObjectNode event : events) {
            if (event.has("regression_id")) {
                event.put("output_hash", outputHash(event.path("regression_id").asLong(), event.path("type").asText(), 0));
            }
        }
        events.add(Events.runCompleted("run-" + runId + "-completed", runId, start.plusMillis(count * 250L), null,
                TESTS.size()));
        return events;
    }

    /**
     * A complete run of pull request {@link #PULL_REQUEST_BRANCH} on {@link #PLATFORM} at {@link #PULL_REQUEST_COMMIT},
     * branched from {@link #MASTER_COMMIT}, starting at {@code start}: {@code master}'s errors at the same offsets from
     * its start, except that the first test of {@link #CHANGED_SAMPLE} gives another output, that
     * {@link #FIXED_SAMPLE}'s tests pass and that no VM failed to provision (vm_provisioning); and one timeout of
     * {@link #BROKEN_SAMPLE}'s tests for every {@link #BROKEN_EVERY} errors of master's. Then a run_completed, all of
     * {@link #TESTS} run.
     */
    public static List<ObjectNode> pullRequestRun(List<ObjectNode> master, long runId, Instant start) {
        Instant masterStart = Instant.parse(master.get(0).path("occurred_at").asText());
        long changedTest = TESTS.stream().filter(test -> test.sampleId() == CHANGED_SAMPLE).findFirst().orElseThrow().id();
        List<RegressionTest> broken = TESTS.stream().filter(test -> test.sampleId() == BROKEN_SAMPLE).toList();
        List<ObjectNode> events = new ArrayList<>();
        events.add(describe(Events.runCreated("run-" + runId + "-created", runId, start), PULL_REQUEST_BRANCH,
                PULL_REQUEST_COMMIT, MASTER_COMMIT));
        int masterErrors = 0;
        for (ObjectNode event : master) {
            Instant occurredAt = start.plus(Duration.between(masterStart, Instant.parse(event.path("occurred_at").asText())));
            if (event.path("kind").asText().equals("run_completed")) {
                events.add(Events.runCompleted("run-" + runId + "-completed", runId, occurredAt, null, TESTS.size()));
            }
            if (!event.path("kind").asText().equals("error")) {
                continue;
            }
            int index = masterErrors++;
            if (index % BROKEN_EVERY == 0) {
                RegressionTest test = broken.get(index / BROKEN_EVERY % broken.size());
                events.add(Events.error(errorId(runId, events), runId, occurredAt, "timeout", "error", test.sampleId(),
                        test.id(), test.categories()).put("output_hash", outputHash(test.id(), "timeout", 1)));
            }
            if (event.path("sample_id").asLong() == FIXED_SAMPLE || event.path("type").asText().equals("vm_provisioning")) {
                continue;
            }
            ObjectNode copy = event.deepCopy()
                    .put("event_id", errorId(runId, events))
                    .put("run_id", runId)
                    .put("occurred_at", occurredAt.toString());
            if (event.path("regression_id").asLong() == changedTest) {
                copy.put("output_hash", outputHash(changedTest, event.path("type").asText(), 1));
            }
            events.add(copy);
        }
        return events;
    }

    /** The number of error events in {@code events}. */
    public static int errors(List<ObjectNode> events) {
        return (int) events.stream().filter(event -> event.path("kind").asText().equals("error")).count();
    }

    /** The next error's event_id of a run whose events so far are {@code events} (its run_created first). */
    private static String errorId(long runId, List<ObjectNode> events) {
        return "run-" + runId + "-error-" + (events.size() - 1);
    }

    /** {@code created} saying what its run tested: on {@link #PLATFORM}, all of {@link #TESTS}. */
    private static ObjectNode describe(ObjectNode created, String branch, String commit, String baseCommit) {
        created.put("branch", branch).put("platform", PLATFORM).put("commit", commit);
        if (baseCommit != null) {
            created.put("base_commit", baseCommit);
        }
        return created.put("tests_expected", TESTS.size());
    }

    /** A digest of what a test failing with {@code type} printed, {@code version} telling one output from another. */
    private static String outputHash(long regressionId, String type, int version) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    ("regression test " + regressionId + ", " + type + ", output " + version).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #run(long, int, long, Instant)}, with failures of {@code failing} only. */
    private static List<ObjectNode> run(long runId, int count, long seed, Instant start, List<RegressionTest> failing) {
        Random random = new Random(seed);
        List<ObjectNode> events = new ArrayList<>(count + 1);
        events.add(Events.runCreated("run-" + runId + "-created", runId, start));
        for (int i = 0; i < count; i++) {
            Kind kind = kind(random.nextInt(100));
            String severity = kind.severities().get(random.nextInt(kind.severities().size()));
            Instant occurredAt = start.plusMillis(i * 250L + random.nextInt(250));
            String eventId = "run-" + runId + "-error-" + i;
            if (kind.ofATest()) {
                // The smaller of two draws: the first tests fail most often, as a few broken ones do in a real run.
                RegressionTest test = failing.get(Math.min(random.nextInt(failing.size()), random.nextInt(failing.size())));
                boolean crash = test.crashes() && kind.type().equals("exit_code_mismatch");
                events.add(Events.error(eventId, runId, occurredAt, kind.type(), crash ? "critical" : severity,
                        test.sampleId(), test.id(), test.categories()));
            } else {
                events.add(Events.error(eventId, runId, occurredAt, kind.type(), severity, null, null, null));
            }
        }
        return events;
    }

    /** The kind whose share holds {@code percentile} (0 to 99). */
    private static Kind kind(int percentile) {
        int below = 0;
        for (Kind kind : KINDS) {
            below += kind.percent();
            if (percentile < below) {
                return kind;
            }
        }
        throw new IllegalStateException("the shares of KINDS add up to " + below + ", not 100");
    }

    /**
     * Samples 1 to 30, one in eight without categories (sent as an empty list), the others in one to three; one
     * test in eight crashes.
     */
    private static List<RegressionTest> regressionTests(Random random) {
        List<RegressionTest> tests = new ArrayList<>();
        long id = 100;
        for (long sample = 1; sample <= 30; sample++) {
            List<String> categories = new ArrayList<>();
            int size = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(3);
            while (categories.size() < size) {
                String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
                if (!categories.contains(category)) {
                    categories.add(category);
                }
            }
            for (int t = 1 + random.nextInt(3); t > 0; t--) {
                tests.add(new RegressionTest(id++, sample, List.copyOf(categories), random.nextInt(8) == 0));
            }
        }
        return List.copyOf(tests);
    }
}
