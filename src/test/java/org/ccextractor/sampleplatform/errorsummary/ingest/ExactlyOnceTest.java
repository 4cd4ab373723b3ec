package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.awaitility.Awaitility.await;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.settledErrorCount;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/** An event counts once however often it is sent; a deleted run is gone with everything it counted. */
@ServiceTest
class ExactlyOnceTest {

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void anEventResentAsNewRecordsCountsOnce() {
        long run = 778_001;
        ObjectNode original = error("dup-1", run);
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send(original);
            for (int i = 0; i < 50; i++) {
                publisher.send(error("other-" + i, run));
            }
            publisher.send(original); // in the same poll as the others, or nearly
            publisher.flush();
            assertEquals(51, settledErrorCount(publisher, run));
            // Much later, as a worker retrying after a timeout would: in a batch of its own.
            publisher.send(original);
            publisher.send(error("last", run));
            assertEquals(52, settledErrorCount(publisher, run));
        }
    }

    @Test
    void runDeletedRemovesTheRunAndItsDeduplicationState() {
        long run = 779_001;
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send(Events.runCreated("created", run, AT));
            publisher.send(error("a", run));
            publisher.send(error("b", run));
            publisher.flush();
            assertEquals(2, settledErrorCount(publisher, run));

            publisher.send(Events.runCreated("deleted", run, AT).put("kind", "run_deleted"));
            publisher.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> authorized().get(summaryPath(run)).statusCode() == 404);

            // The run can come back; its old event ids are forgotten with it.
            publisher.send(error("a", run));
            assertEquals(1, settledErrorCount(publisher, run));
        }
    }

    @Test
    void eventsAfterADeletionInTheSameBatchStillCount() {
        long run = 779_002;
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send(error("before", run));
            publisher.send(Events.runCreated("deleted", run, AT).put("kind", "run_deleted"));
            publisher.send(error("after", run));
            assertEquals(1, settledErrorCount(publisher, run));
        }
    }

    private static ObjectNode error(String eventId, long run) {
        return Events.error(eventId, run, AT, "test_failure", "error", 3L, null, List.of("DVB"));
    }
}
