package org.ccextractor.sampleplatform.errorsummary.local;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plain Kafka producer, as a test worker uses one: key = run id as a decimal string. A record it could not deliver
 * fails the next {@link #flush} (a test's ground truth would otherwise count a record that was never published), and
 * it waits up to ten minutes for a broker that is down, as the outage tests need (Kafka's defaults give up on a
 * record after one minute without the topic's metadata, two without delivery).
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> undelivered = new AtomicReference<>();

    public EventPublisher(String bootstrapServers, String topic) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, LocalInfrastructure.MAX_MESSAGE_BYTES,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000),
                new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    public void send(JsonNode event) {
        try {
            send(event.path("run_id").asText(), Events.JSON.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Any bytes at all, for values the service must refuse. */
    public void send(String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    public void send(ProducerRecord<String, byte[]> record) {
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                undelivered.compareAndSet(null, failure);
            }
        });
    }

    public String topic() {
        return topic;
    }

    /** @throws IllegalStateException when a record sent before could not be delivered */
    public void flush() {
        producer.flush();
        Exception failure = undelivered.get();
        if (failure != null) {
            throw new IllegalStateException("The test's producer could not deliver a record", failure);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
