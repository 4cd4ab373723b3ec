package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * Producers that write in Kafka transactions: only what a transaction committed counts. The consumer reads
 * read_committed; Kafka's default, read_uncommitted, counted the records of an aborted transaction.
 */
@ServiceTest
class TransactionalProducerTest {

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void recordsOfAnAbortedTransactionAreNotCountedThoseOfACommittedOneAre() throws Exception {
        long run = 7750;
        String tag = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = transactional("aborting-" + tag)) {
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(record(run, "aborted-" + i + "-" + tag, "aborted_type")).get();
            }
            producer.abortTransaction();
        }
        try (KafkaProducer<String, byte[]> producer = transactional("committing-" + tag)) {
            producer.beginTransaction();
            for (int i = 0; i < 2; i++) {
                producer.send(record(run, "committed-" + i + "-" + tag, "committed_type"));
            }
            producer.commitTransaction();
        }
        try (EventPublisher publisher = TestApi.publisher()) {
            assertEquals(2, TestApi.settledErrorCount(publisher, run));
        }
        String body = TestApi.authorized().get(TestApi.summaryPath(run) + "?group_by=type").asString();
        assertFalse(body.contains("aborted_type"), body);
    }

    private static ProducerRecord<String, byte[]> record(long run, String eventId, String type) throws Exception {
        return new ProducerRecord<>(TestApi.topic(), Long.toString(run),
                Events.JSON.writeValueAsBytes(Events.error(eventId, run, AT, type, "error", null, null, null)));
    }

    private static KafkaProducer<String, byte[]> transactional(String transactionalId) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }
}
