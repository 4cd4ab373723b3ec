package org.ccextractor.sampleplatform.errorsummary.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.sqlclient.Pool;

import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** What the service's own PostgreSQL sessions are started with (application.properties), as PostgreSQL reports it. */
@ServiceTest
class SessionSettingsTest {

    @Inject
    Pool pool;

    @Test
    void aSessionIdleInATransactionIsEndedByPostgreSqlSoThatAFrozenReplicaCannotHoldTheOffsetLocks() {
        String timeout = pool.query("SHOW idle_in_transaction_session_timeout").execute()
                .map(rows -> rows.iterator().next().getString(0)).await().atMost(Duration.ofSeconds(10));
        assertEquals("30s", timeout);
    }
}
