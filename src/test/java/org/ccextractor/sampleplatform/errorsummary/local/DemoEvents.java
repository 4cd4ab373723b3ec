package org.ccextractor.sampleplatform.errorsummary.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A reproducible run as CCExtractor's test workers would report it (a fixed seed): mostly regression tests that
 * fail (their sample and the sample's categories given), a few of them far more often than the rest, and some
 * failures of the CI itself (a build, the queue, a VM) that belong to no sample, regression test or category. Each
 * kind of failure has severities of its own, and only a few tests crash, so that the worst severity differs between
 * the buckets of every view.
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

    private DemoEvents() {
    }

    /** A run_created event and {@code count} error events of one run, starting at {@code start}, one every 250 ms or so. */
    public static List<ObjectNode> run(long runId, int count, long seed, Instant start) {
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
                RegressionTest test = TESTS.get(Math.min(random.nextInt(TESTS.size()), random.nextInt(TESTS.size())));
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
