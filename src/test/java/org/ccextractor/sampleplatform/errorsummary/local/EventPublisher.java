package org.ccextractor.sampleplatform.errorsummary.local;

import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** A plain Kafka producer, as a test worker uses one: key = run id as a decimal string. */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public EventPublisher(String bootstrapServers, String topic) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, LocalInfrastructure.MAX_MESSAGE_BYTES),
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
        producer.send(record);
    }

    public String topic() {
        return topic;
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
