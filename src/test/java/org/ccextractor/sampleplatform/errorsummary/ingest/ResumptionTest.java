package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.ccextractor.sampleplatform.errorsummary.counters.StoredOffset;

/** Where a partition resumes: never past a record that was not counted without saying so. */
class ResumptionTest {

    static final UUID TOPIC = UUID.randomUUID();

    @Test
    void aStoredPositionInTheSameLogResumesThere() {
        Resumption resumption = Resumption.of(new StoredOffset(40, TOPIC), TOPIC, 0, 100);
        assertEquals(new Resumption(40, null, false, 0, null, false), resumption);
    }

    @Test
    void aPositionStoredBeforeTopicIdsWereKeptAdoptsTheTopicsId() {
        Resumption resumption = Resumption.of(new StoredOffset(40, null), TOPIC, 0, 100);
        assertTrue(resumption.adopt());
        assertEquals(40, resumption.offset());
        assertNull(resumption.reset());
    }

    @Test
    void aTopicCreatedAgainIsReadFromItsBeginningAndItsFenceStartsAtZero() {
        Resumption resumption = Resumption.of(new StoredOffset(6_736, UUID.randomUUID()), TOPIC, 0, 12);
        assertEquals(0, resumption.offset());
        assertEquals(new StoredOffset(0, TOPIC), resumption.reset());
        assertEquals(0, resumption.lost());
    }

    @Test
    void recordsRemovedBeforeTheyWereCountedAreReportedAsLost() {
        Resumption resumption = Resumption.of(new StoredOffset(40, TOPIC), TOPIC, 55, 100);
        assertEquals(55, resumption.offset());
        assertEquals(15, resumption.lost());
        assertTrue(resumption.brokerLostRecords());
        assertNull(resumption.reset(), "the fence stays below what is read");
    }

    @Test
    void aPositionPastTheLogsEndMovesBackToItSoThatNewRecordsCount() {
        Resumption resumption = Resumption.of(new StoredOffset(500, TOPIC), TOPIC, 0, 300);
        assertEquals(300, resumption.offset());
        assertEquals(new StoredOffset(300, TOPIC), resumption.reset());
        assertTrue(resumption.brokerLostRecords());
    }

    @Test
    void aPartitionNeverSeenStartsAtTheLogsBeginning() {
        Resumption resumption = Resumption.of(null, TOPIC, 7, 100);
        assertEquals(7, resumption.offset());
        assertNull(resumption.reset());
        assertTrue(resumption.adopt(), "a row with the topic's id, from 0");
    }
}
