package org.ccextractor.sampleplatform.errorsummary.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.ccextractor.sampleplatform.errorsummary.local.ErrorSummaryTestResource;
import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;

/** What the tests share: the keys and topic of the test resource, and calls of the API. */
public final class TestApi {

    private static final String SENTINEL = "sentinel_";
    private static final AtomicInteger SENTINELS = new AtomicInteger();

    private static LocalKeys keys;

    private TestApi() {
    }

    public static synchronized LocalKeys keys() {
        if (keys == null) {
            try {
                keys = LocalKeys.load(Path.of(config(ErrorSummaryTestResource.KEYS_DIR)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    public static String readerToken() {
        return keys().readerToken("test-user");
    }

    /** A plain producer on the service's topic. */
    public static EventPublisher publisher() {
        return new EventPublisher(config("kafka.bootstrap.servers"), topic());
    }

    /** The topic the service consumes in this test run. */
    public static String topic() {
        return config("mp.messaging.incoming.error-events.topic");
    }

    /** Every record on the dead-letter topic so far: read from its beginning to its end offsets of now. */
    public static List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, config("mp.messaging.outgoing.dead-letters.topic"));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Waits until the service has applied every record published to its topic so far (flushed first): its stored
     * offsets, written in each batch's transaction with what the batch counted, reach the topic's end offsets of now;
     * then for {@code error-summary.summary.max-staleness}, the most a view (and a compare's baseline) may lag. For an
     * exact final state where a sentinel error ({@link #settledErrorCount}) would itself change what is read: a
     * compare, whose buckets, statuses and counts a sentinel's bucket would join, and bodies that must stay
     * byte-identical when events are sent again.
     */
    public static void settle(EventPublisher publisher) {
        applied(publisher);
        try {
            Thread.sleep(ConfigProvider.getConfig().getValue("error-summary.summary.max-staleness", Duration.class).toMillis() + 50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the service has applied every record published to its topic so far (flushed first), as settle does. */
    public static void applied(EventPublisher publisher) {
        publisher.flush();
        Map<TopicPartition, Long> end;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            end = consumer.endOffsets(partitions(consumer, topic()));
        }
        AgroalDataSource database = Arc.container().instance(AgroalDataSource.class).get();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<Integer, Long> stored = storedOffsets(database);
            return end.entrySet().stream().allMatch(e -> stored.getOrDefault(e.getKey().partition(), 0L) >= e.getValue());
        });
    }

    /** The service's stored next offset of each partition of its topic (table consumer_offsets). */
    private static Map<Integer, Long> storedOffsets(AgroalDataSource database) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT partition, next_offset FROM consumer_offsets WHERE topic = ?")) {
            select.setString(1, topic());
            ResultSet rows = select.executeQuery();
            Map<Integer, Long> offsets = new HashMap<>();
            while (rows.next()) {
                offsets.put(rows.getInt(1), rows.getLong(2));
            }
            return offsets;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config("kafka.bootstrap.servers")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    public static RequestSpecification authorized() {
        return given().auth().oauth2(readerToken());
    }

    public static String summaryPath(Object runId) {
        return "/api/v1/runs/" + runId + "/error-summary";
    }

    public static String comparePath(Object runId) {
        return summaryPath(runId) + "/compare";
    }

    /** The run's error count through the API (the sum of its severity buckets), or -1 while it is unknown. */
    public static long errorCount(long runId) {
        Response response = authorized().get(summaryPath(runId) + "?group_by=severity");
        if (response.statusCode() != 200) {
            return -1;
        }
        long sum = 0;
        for (JsonNode bucket : json(response).path("data")) {
            sum += bucket.path("count").asLong();
        }
        return sum;
    }

    /**
     * The run's error count once everything published to it before has been handled: a sentinel error event (a type
     * of its own) is published after it, to the same run and so the same partition, and waited for. The sentinels
     * are left out of the count. For a test's exact final state, where waiting for a count to reach a number would
     * stop before a wrong extra count arrives.
     */
    public static long settledErrorCount(EventPublisher publisher, long runId) {
        String type = SENTINEL + SENTINELS.incrementAndGet();
        publisher.send(Events.error(type, runId, Instant.parse("2026-11-28T12:00:00Z"), type, "info", null, null, null));
        publisher.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> typeCounts(runId).containsKey(type));
        return typeCounts(runId).entrySet().stream().filter(e -> !e.getKey().startsWith(SENTINEL))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The run's error count by type; empty while the run is unknown. */
    private static Map<String, Long> typeCounts(long runId) {
        Response response = authorized().get(summaryPath(runId) + "?group_by=type&limit=100");
        Map<String, Long> counts = new HashMap<>();
        if (response.statusCode() == 200) {
            json(response).path("data").forEach(b -> counts.put(b.path("key").asText(), b.path("count").asLong()));
        }
        return counts;
    }

    public static JsonNode json(Response response) {
        try {
            return Events.JSON.readTree(response.asByteArray());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
