package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.MDC;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.ingest.ParsedRecord.Rejected;

/**
 * Sends the records that cannot be counted to the dead-letter topic (channel dead-letters), unchanged, with headers
 * saying why and where they came from, so that nothing is lost and an operator can replay them once fixed.
 * <p>
 * The channel's producer compresses (application.properties), so a record that was compressed on the source topic
 * fits the dead-letter topic's size limit again in most cases. One that the topic still refuses as too large is
 * sent with its value cut to {@code error-summary.ingest.dead-letter-truncated-bytes}, headers giving the original's
 * length and SHA-256 (the original stays on the source topic at the offset the headers name); one that is refused
 * even so (its key or its own headers are too large) is sent as those headers of this service alone, with no key
 * and an empty value; only if even that is refused is it logged and given up, so that no record can stop the stream.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String REASON_CODE = "dead-letter-reason-code";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    /** On a truncated copy: the original value's length in bytes. */
    public static final String TRUNCATED_FROM = "dead-letter-value-truncated-from";
    /** On a truncated copy: the SHA-256 of the original value, in hex. */
    public static final String ORIGINAL_SHA256 = "dead-letter-value-sha256";

    /** A record key that is a run id, as producers are asked to key events (README, "Events"). */
    private static final Pattern RUN_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private final MutinyEmitter<Record<byte[], byte[]>> emitter;
    private final MeterRegistry registry;
    private final int truncatedBytes;

    public DeadLetters(@Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<Record<byte[], byte[]>> emitter, MeterRegistry registry, ErrorSummaryConfig config) {
        this.emitter = emitter;
        this.registry = registry;
        this.truncatedBytes = config.ingest().deadLetterTruncatedBytes();
    }

    /**
     * Sends those of {@code rejected} that {@code batch} has not had acknowledged yet; completes once the broker has
     * acknowledged every one, or fails (the batch is then retried, and sends only the rest).
     */
    Uni<Void> send(List<Rejected> rejected, Batch batch) {
        List<Uni<Void>> sends = rejected.stream().filter(r -> !batch.deadLettered(r.record()))
                .map(r -> send(r).invoke(() -> batch.markDeadLettered(r.record())))
                .toList();
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> send(Rejected rejected) {
        ConsumerRecord<byte[], byte[]> record = rejected.record();
        String code = rejected.reason().reason().code();
        log(rejected, () -> Log.warnf("Dead-lettered %s (%s): %s", where(rejected), code, rejected.reason().getMessage()));
        Headers headers = headers(rejected, record.headers().toArray());
        return emitter.sendMessage(message(record.key(), record.value(), headers))
                .onFailure(DeadLetters::tooLarge).recoverWithUni(tooLarge -> sendTruncated(rejected, headers, tooLarge))
                .invoke(() -> registry.counter("error_summary.dead_letters", "reason", code).increment());
    }

    private Uni<Void> sendTruncated(Rejected rejected, Headers headers, Throwable tooLarge) {
        ConsumerRecord<byte[], byte[]> record = rejected.record();
        byte[] value = record.value();
        byte[] cut = Arrays.copyOf(value, Math.min(value.length, truncatedBytes));
        return emitter.sendMessage(message(record.key(), cut, describingOriginal(headers, value)))
                .invoke(() -> log(rejected, () -> Log.warnf("Dead letter %s cut to %d of %d bytes: the dead-letter topic refuses it "
                        + "whole (%s)", where(rejected), cut.length, value.length, tooLarge.getMessage())))
                // What is too large may be the record's own key or headers: last, only this service's headers.
                .onFailure(DeadLetters::tooLarge).recoverWithUni(stillTooLarge -> emitter
                        .sendMessage(message(null, new byte[0], describingOriginal(headers(rejected, new Header[0]), value)))
                        .invoke(() -> log(rejected, () -> Log.warnf("Dead letter %s sent without its key, headers and value: the "
                                + "dead-letter topic refuses even %d bytes of its value with them (%s)", where(rejected), cut.length,
                                stillTooLarge.getMessage()))))
                .onFailure(DeadLetters::tooLarge).recoverWithItem(refused -> {
                    log(rejected, () -> Log.errorf("Dead letter %s given up: the dead-letter topic refuses even its headers (%s); "
                            + "the record stays on its topic until retention removes it", where(rejected), refused.getMessage()));
                    registry.counter("error_summary.dead_letters.given_up").increment();
                    return null;
                });
    }

    /** {@code headers} and the original value's length and SHA-256, for a copy without all of the value. */
    private static Headers describingOriginal(Headers headers, byte[] value) {
        return new RecordHeaders(headers.toArray())
                .add(TRUNCATED_FROM, utf8(Integer.toString(value.length)))
                .add(ORIGINAL_SHA256, utf8(HexFormat.of().formatHex(sha256(value))));
    }

    /** The record's own headers, then this service's. */
    private static Headers headers(Rejected rejected, Header[] own) {
        ConsumerRecord<byte[], byte[]> record = rejected.record();
        return new RecordHeaders(own)
                .add(REASON, utf8(rejected.reason().getMessage()))
                .add(REASON_CODE, utf8(rejected.reason().reason().code()))
                .add(TOPIC, utf8(record.topic()))
                .add(PARTITION, utf8(Integer.toString(record.partition())))
                .add(OFFSET, utf8(Long.toString(record.offset())));
    }

    private static Message<Record<byte[], byte[]>> message(byte[] key, byte[] value, Headers headers) {
        return Message.of(Record.of(key, value)).addMetadata(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build());
    }

    private static boolean tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Logs with the run and event the record is about, as far as they can be told, as the MDC fields run_id and
     * event_id: the key when it is a run id, the event id when the value named one.
     */
    private static void log(Rejected rejected, Runnable line) {
        Map<String, String> fields = new LinkedHashMap<>();
        byte[] key = rejected.record().key();
        if (key != null && RUN_ID.matcher(new String(key, StandardCharsets.UTF_8)).matches()) {
            fields.put("run_id", new String(key, StandardCharsets.UTF_8));
        }
        if (rejected.reason().eventId() != null) {
            fields.put("event_id", rejected.reason().eventId());
        }
        fields.forEach(MDC::put);
        try {
            line.run();
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    private static String where(Rejected rejected) {
        return rejected.record().topic() + "-" + rejected.record().partition() + "@" + rejected.record().offset();
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
