package org.ccextractor.sampleplatform.errorsummary.local;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds event values as the test workers send them (schemas/error-event.schema.json). */
public final class Events {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static ObjectNode runCreated(String eventId, long runId, Instant occurredAt) {
        return JSON.createObjectNode()
                .put("kind", "run_created")
                .put("event_id", eventId)
                .put("run_id", runId)
                .put("occurred_at", occurredAt.toString());
    }

    /** A run_completed event; {@code testsExpected} may be null (absent). */
    public static ObjectNode runCompleted(String eventId, long runId, Instant occurredAt, Integer testsExpected, int testsRun) {
        ObjectNode event = runCreated(eventId, runId, occurredAt).put("kind", "run_completed");
        if (testsExpected != null) {
            event.put("tests_expected", testsExpected);
        }
        return event.put("tests_run", testsRun);
    }

    /** An error event; {@code sampleId}, {@code regressionId} and {@code categories} may be null (absent). */
    public static ObjectNode error(String eventId, long runId, Instant occurredAt, String type, String severity,
            Long sampleId, Long regressionId, List<String> categories) {
        ObjectNode event = JSON.createObjectNode()
                .put("kind", "error")
                .put("event_id", eventId)
                .put("run_id", runId)
                .put("occurred_at", occurredAt.toString())
                .put("type", type)
                .put("severity", severity)
                .put("message", type + " seen by a test worker");
        if (sampleId != null) {
            event.put("sample_id", sampleId);
        }
        if (regressionId != null) {
            event.put("regression_id", regressionId);
        }
        if (categories != null) {
            categories.forEach(event.putArray("categories")::add);
        }
        return event;
    }
}
