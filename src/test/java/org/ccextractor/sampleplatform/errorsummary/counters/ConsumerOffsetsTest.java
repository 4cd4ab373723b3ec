package org.ccextractor.sampleplatform.errorsummary.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** The stored offsets in PostgreSQL, as the batch handler uses them: locked, then saved in one transaction. */
@ServiceTest
class ConsumerOffsetsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    ConsumerOffsets offsets;

    @Inject
    Transactions transactions;

    @Test
    void aZombieBatchSavedAfterANewerOneNeverMovesTheOffsetBack() {
        // A topic of this test's own: the service's consumer never reads it.
        Partition partition = new Partition("zombie-" + UUID.randomUUID(), 0);
        saveUnderLock(partition, 500); // the partition's new owner applied up to 499
        saveUnderLock(partition, 300); // the old owner's batch of 200-299, held across the rebalance, all skipped

        assertEquals(Map.of(partition, 500L), transactions.inTransaction(tx -> offsets.lock(tx, Set.of(partition)))
                .await().atMost(TIMEOUT));
    }

    private void saveUnderLock(Partition partition, long nextOffset) {
        transactions.inTransaction(tx -> offsets.lock(tx, Set.of(partition))
                .chain(() -> offsets.save(tx, Map.of(partition, nextOffset))))
                .await().atMost(TIMEOUT);
    }
}
