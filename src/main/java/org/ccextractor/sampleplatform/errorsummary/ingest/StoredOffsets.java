package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.vertx.mutiny.sqlclient.Pool;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.counters.ConsumerOffsets;
import org.ccextractor.sampleplatform.errorsummary.counters.Partition;

/**
 * On every assignment (start, restart, rebalance) the consumer resumes where the counters are, from the
 * offsets committed with them in PostgreSQL; Kafka's own committed offsets are only for monitoring. A
 * partition with no stored offset is read from its beginning.
 */
@ApplicationScoped
@Identifier(StoredOffsets.NAME)
public class StoredOffsets implements KafkaConsumerRebalanceListener {

    static final String NAME = "error-events-stored-offsets";

    private final Pool pool;
    private final ConsumerOffsets offsets;
    private final Duration backOff;
    private final Duration maxBackOff;
    private volatile boolean stopping;

    public StoredOffsets(Pool pool, ConsumerOffsets offsets, ErrorSummaryConfig config) {
        this.pool = pool;
        this.offsets = offsets;
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
    }

    /** Runs on the polling thread, which may block: without the offsets nothing can be consumed anyway. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<Partition, Long> stored = offsets.read(pool, partitions.stream()
                .map(tp -> new Partition(tp.topic(), tp.partition())).toList())
                .onFailure().invoke(e -> Log.warnf("Reading the stored offsets failed, retrying: %s", e.getMessage()))
                .onFailure(failure -> !stopping).retry().withBackOff(backOff, maxBackOff).indefinitely()
                .await().indefinitely();
        for (TopicPartition tp : partitions) {
            Long next = stored.get(new Partition(tp.topic(), tp.partition()));
            if (next == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, next);
            }
        }
        Log.infof("Assigned %s; resuming from stored offsets %s", partitions, stored);
    }
}
