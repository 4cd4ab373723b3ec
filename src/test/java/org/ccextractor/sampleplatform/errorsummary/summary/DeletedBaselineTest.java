package org.ccextractor.sampleplatform.errorsummary.summary;

import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.comparePath;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * An automatic baseline deleted while its lookup is still fresh gives way to the next one at once: the run is never
 * answered as having no baseline while another complete run of its branch point exists (the contract's "baseline":
 * null is for a branch point without one). max-staleness is long here, so that the lookup is certainly still fresh.
 */
@ServiceTest
@TestProfile(DeletedBaselineTest.LongStaleness.class)
class DeletedBaselineTest {

    public static class LongStaleness implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("error-summary.summary.max-staleness", "20s");
        }
    }

    static final long OLDER_MASTER = 796_001;
    static final long NEWER_MASTER = 796_002;
    static final long PULL_REQUEST = 796_003;
    static final String COMMIT = "a".repeat(40);
    static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");
    static final String TAG = UUID.randomUUID().toString();

    @Test
    void aDeletedAutomaticBaselineGivesWayToTheNextAtOnce() {
        try (EventPublisher publisher = TestApi.publisher()) {
            for (long master : List.of(OLDER_MASTER, NEWER_MASTER)) {
                publisher.send(Events.runCreated("created-" + master + TAG, master, AT).put("branch", "master")
                        .put("platform", "linux").put("commit", COMMIT).put("tests_expected", 1));
                publisher.send(Events.error("error-" + master + TAG, master, AT, "crash", "error", 1L, null, List.of("c")));
                publisher.send(Events.runCompleted("completed-" + master + TAG, master, AT, null, 1));
            }
            publisher.send(Events.runCreated("created-pr" + TAG, PULL_REQUEST, AT).put("branch", "pr").put("platform", "linux")
                    .put("commit", "b".repeat(40)).put("base_commit", COMMIT));
            publisher.send(Events.error("error-pr" + TAG, PULL_REQUEST, AT, "crash", "error", 1L, null, List.of("c")));
            TestApi.applied(publisher);
            assertEquals(NEWER_MASTER, baseline("type"), "the highest complete run of the branch point");

            publisher.send(Events.runCreated("deleted" + TAG, NEWER_MASTER, AT).put("kind", "run_deleted"));
            TestApi.applied(publisher);
            // A dimension not read yet: the run's view and the baseline's are loaded now, the lookup is the fresh one.
            assertEquals(OLDER_MASTER, baseline("category"), "the next complete run of the branch point, at once");
        }
    }

    private static long baseline(String groupBy) {
        JsonNode body = json(authorized().get(comparePath(PULL_REQUEST) + "?group_by=" + groupBy).then().statusCode(200)
                .extract().response());
        assertEquals("branch_point", body.path("baseline").path("resolved_by").asText(), body::toString);
        return body.path("baseline").path("run_id").asLong();
    }
}
