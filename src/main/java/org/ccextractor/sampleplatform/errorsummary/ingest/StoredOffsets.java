package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.vertx.mutiny.sqlclient.Pool;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.counters.ConsumerOffsets;
import org.ccextractor.sampleplatform.errorsummary.counters.Partition;
import org.ccextractor.sampleplatform.errorsummary.counters.StoredOffset;

/**
 * On every assignment (start, restart, rebalance) the consumer resumes where the counters are, from the
 * offsets committed with them in PostgreSQL; Kafka's own committed offsets are only for monitoring. A
 * partition with no stored offset is read from its beginning, and so is one whose topic was created again
 * (another topic id); records the broker removed before they were counted are logged at ERROR and counted in
 * {@code error_summary_records_lost_total} ({@link Resumption}).
 */
@ApplicationScoped
@Identifier(StoredOffsets.NAME)
public class StoredOffsets implements KafkaConsumerRebalanceListener {

    static final String NAME = "error-events-stored-offsets";

    private final Pool pool;
    private final ConsumerOffsets offsets;
    private final Duration backOff;
    private final Duration maxBackOff;
    private final Admin admin;
    private final Counter lost;
    private volatile boolean stopping;

    public StoredOffsets(Pool pool, ConsumerOffsets offsets, ErrorSummaryConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry) {
        this.pool = pool;
        this.offsets = offsets;
        this.admin = Admin.create(kafka.entrySet().stream().filter(e -> AdminClientConfig.configNames().contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        this.lost = registry.counter("error_summary.records.lost");
        this.backOff = config.ingest().retryBackOff();
        this.maxBackOff = config.ingest().retryMaxBackOff();
    }

    /**
     * An assignment that arrives while the service stops (a rebalance during shutdown) must fail rather than
     * retry forever against the closing database pool: else the consumer never leaves the group and its
     * partitions wait for the session to time out before another instance gets them.
     */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        admin.close(Duration.ofSeconds(1));
    }

    /**
     * Runs on the polling thread, which may block: without the offsets nothing can be consumed anyway. Where the
     * partitions resume is {@link Resumption}'s decision; a topic id or a log bound that cannot be had yet (the broker
     * unreachable) is asked again with back-off.
     */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<Partition, StoredOffset> stored = retried(offsets.read(pool, partitions.stream().map(StoredOffsets::partition).toList()),
                "Reading the stored offsets");
        Map<String, Uuid> topicIds = retried(Uni.createFrom().completionStage(() -> admin.describeTopics(
                partitions.stream().map(TopicPartition::topic).distinct().toList()).allTopicNames().toCompletionStage()),
                "Reading the topics' ids").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().topicId()));
        Map<TopicPartition, Long> logStart = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> logEnd = consumer.endOffsets(partitions);
        Map<Partition, StoredOffset> reset = new HashMap<>();
        Map<Partition, UUID> adopt = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Uuid kafkaId = topicIds.get(tp.topic());
            UUID topicId = new UUID(kafkaId.getMostSignificantBits(), kafkaId.getLeastSignificantBits());
            Resumption resumption = Resumption.of(stored.get(partition(tp)), topicId, logStart.get(tp), logEnd.get(tp));
            if (resumption.reset() != null) {
                reset.put(partition(tp), resumption.reset());
            }
            if (resumption.adopt()) {
                adopt.put(partition(tp), topicId);
            }
            if (resumption.lost() > 0) {
                lost.increment(resumption.lost());
            }
            if (resumption.brokerLostRecords()) {
                Log.errorf("Partition %s: %s", tp, resumption.why());
            } else if (resumption.why() != null) {
                Log.warnf("Partition %s: %s", tp, resumption.why());
            }
            consumer.seek(tp, resumption.offset());
        }
        if (!reset.isEmpty()) {
            retried(offsets.reset(pool, reset), "Storing the corrected offsets");
        }
        if (!adopt.isEmpty()) {
            retried(offsets.adopt(pool, adopt), "Storing the topics' ids");
        }
        Log.infof("Assigned %s; resuming from stored offsets %s", partitions, stored);
    }

    private <T> T retried(Uni<T> work, String what) {
        return work.onFailure().invoke(e -> Log.warnf("%s failed, retrying: %s", what, e.getMessage()))
                .onFailure(failure -> !stopping).retry().withBackOff(backOff, maxBackOff).indefinitely()
                .await().indefinitely();
    }

    private static Partition partition(TopicPartition tp) {
        return new Partition(tp.topic(), tp.partition());
    }
}
