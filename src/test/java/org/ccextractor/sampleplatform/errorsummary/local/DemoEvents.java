package org.ccextractor.sampleplatform.errorsummary.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A reproducible run as test workers would report it (a fixed seed): errors of several types, severities,
 * samples, regression tests and categories, some without sample, regression test or category.
 */
public final class DemoEvents {

    static final String[] TYPES = { "test_failure", "exit_code_mismatch", "missing_output", "diff_mismatch", "queue",
            "vm_provisioning", "checkout", "merge", "build", "worker", "web_server", "storage" };
    static final String[] SEVERITIES = { "info", "warning", "error", "critical" };
    static final String[] CATEGORIES = { "Broken", "DVB", "DVD", "H264", "MP4", "Teletext", "WTV", "émission" };

    private DemoEvents() {
    }

    /** {@code count} error events of one run, starting at {@code start}, one every 250 ms or so. */
    public static List<ObjectNode> run(long runId, int count, long seed, Instant start) {
        Random random = new Random(seed);
        List<ObjectNode> events = new ArrayList<>(count + 1);
        events.add(Events.runCreated("run-" + runId + "-created", runId, start));
        for (int i = 0; i < count; i++) {
            // Skewed choices, so that some groups dominate as they do in a real failed run.
            String type = TYPES[Math.min(random.nextInt(TYPES.length), random.nextInt(TYPES.length))];
            String severity = SEVERITIES[Math.max(random.nextInt(4), random.nextInt(4))];
            Long sample = random.nextInt(10) == 0 ? null : 1L + random.nextInt(40);
            Long regression = random.nextInt(5) == 0 ? null : 100L + random.nextInt(120);
            List<String> categories = new ArrayList<>();
            for (int c = random.nextInt(4); c > 0; c--) {
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                if (!categories.contains(category)) {
                    categories.add(category);
                }
            }
            Instant occurredAt = start.plusMillis(i * 250L + random.nextInt(250));
            events.add(Events.error("run-" + runId + "-error-" + i, runId, occurredAt, type, severity, sample, regression,
                    categories.isEmpty() && random.nextBoolean() ? null : categories));
        }
        return events;
    }
}
