package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * The topic deleted and created again under the same name while the service consumes it: the new log's records are
 * counted from its first offset, although the offsets stored for the old log lie past them (they were skipped as
 * "applied before", silently). Kafka tells the two logs apart by topic id.
 */
@ServiceTest
@TestProfile(RecreatedTopicTest.OwnTopic.class)
class RecreatedTopicTest {

    /** An application of its own, and so a topic of its own (ErrorSummaryTestResource): this test deletes it. */
    public static class OwnTopic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("error-summary.ingest.shutdown-wait", "1s");
        }
    }

    static final long RUN = 7740;
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void aTopicCreatedAgainIsCountedFromItsBeginning() throws Exception {
        try (EventPublisher publisher = TestApi.publisher()) {
            for (int i = 0; i < 5; i++) {
                publisher.send(Events.error("old-log-" + i, RUN, AT, "build", "error", null, null, null));
            }
            assertEquals(5, TestApi.settledErrorCount(publisher, RUN));
        }

        String topic = TestApi.topic();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
            Uuid old = topicId(admin, topic);
            admin.deleteTopics(Set.of(topic)).all().get();
            // Created again by us, or at once by the broker itself (auto.create.topics.enable) when a client asks for it.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                if (!admin.listTopics().names().get().contains(topic)) {
                    admin.createTopics(Set.of(new NewTopic(topic, LocalInfrastructure.PARTITIONS, (short) 1))).all().get();
                }
                return !topicId(admin, topic).equals(old);
            });
        }

        try (EventPublisher publisher = TestApi.publisher()) {
            for (int i = 0; i < 2; i++) {
                publisher.send(Events.error("new-log-" + i, RUN, AT, "build", "error", null, null, null));
            }
            assertEquals(7, TestApi.settledErrorCount(publisher, RUN));
        }
    }

    private static Uuid topicId(Admin admin, String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).topicId();
    }
}
