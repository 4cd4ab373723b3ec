package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends the records that cannot be counted to the dead-letter topic (channel dead-letters), unchanged,
 * with headers saying why and where they came from, so that nothing is lost and an operator can replay
 * them once fixed.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String REASON_CODE = "dead-letter-reason-code";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    /** A record key that is a run id, as producers are asked to key events (README, "Events"). */
    private static final Pattern RUN_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private final MutinyEmitter<Record<byte[], byte[]>> emitter;
    private final MeterRegistry registry;
    private final ObjectMapper mapper;

    public DeadLetters(@Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<Record<byte[], byte[]>> emitter, MeterRegistry registry, ObjectMapper mapper) {
        this.emitter = emitter;
        this.registry = registry;
        this.mapper = mapper;
    }

    /** Completes once the broker has acknowledged every one of them. */
    Uni<Void> send(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(rejected.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(Rejected rejected) {
        ConsumerRecord<byte[], byte[]> record = rejected.record();
        String code = rejected.reason().reason().code();
        Map<String, String> fields = logFields(rejected);
        fields.forEach(MDC::put);
        try {
            Log.warnf("Dead-lettered %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(), code,
                    rejected.reason().getMessage());
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, utf8(rejected.reason().getMessage()))
                .add(REASON_CODE, utf8(code))
                .add(TOPIC, utf8(record.topic()))
                .add(PARTITION, utf8(Integer.toString(record.partition())))
                .add(OFFSET, utf8(Long.toString(record.offset())));
        Message<Record<byte[], byte[]>> message = Message.of(Record.of(record.key(), record.value()))
                .addMetadata(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build());
        return emitter.sendMessage(message)
                .invoke(() -> registry.counter("error_summary.dead_letters", "reason", code).increment());
    }

    /**
     * The run and event a rejected record is about, as far as they can be told, for the log line's fields: the
     * key when it is a run id, and the event id of a value that is JSON but not a valid event.
     */
    private Map<String, String> logFields(Rejected rejected) {
        Map<String, String> fields = new LinkedHashMap<>();
        ConsumerRecord<byte[], byte[]> record = rejected.record();
        if (record.key() != null) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (RUN_ID.matcher(key).matches()) {
                fields.put("run_id", key);
            }
        }
        InvalidEventException.Reason reason = rejected.reason().reason();
        if (reason == InvalidEventException.Reason.SCHEMA_VIOLATION || reason == InvalidEventException.Reason.UNKNOWN_KIND) {
            try {
                String eventId = mapper.readTree(record.value()).path("event_id").asText("");
                if (!eventId.isEmpty()) {
                    fields.put("event_id", eventId);
                }
            } catch (IOException unreadable) {
                // the reason already says why
            }
        }
        return fields;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A record and why it cannot be counted. */
    record Rejected(ConsumerRecord<byte[], byte[]> record, InvalidEventException reason) {
    }
}
