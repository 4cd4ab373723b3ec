package org.ccextractor.sampleplatform.errorsummary.counters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A batch's increments: one row per run, dimension and key, per severity its count, first and last seen. */
class CounterBatchTest {

    static final OffsetDateTime T1 = OffsetDateTime.parse("2026-11-28T12:00:00Z");
    static final OffsetDateTime T2 = OffsetDateTime.parse("2026-11-28T13:00:00+02:00");
    static final OffsetDateTime T3 = OffsetDateTime.parse("2026-11-28T12:30:00Z");

    @Test
    void eventsOfOneKeyAddUpPerSeverity() {
        CounterBatch batch = new CounterBatch();
        batch.add(7, Dimension.TYPE, "build", Severity.ERROR, T1, null);
        batch.add(7, Dimension.TYPE, "build", Severity.ERROR, T2, null); // 11:00 UTC: the earlier instant
        batch.add(7, Dimension.TYPE, "build", Severity.ERROR, T3, null);
        batch.add(7, Dimension.TYPE, "build", Severity.INFO, T3, null);
        List<Map.Entry<CounterBatch.CounterKey, CounterBatch.Delta>> rows = batch.rowsInKeyOrder();
        assertEquals(1, rows.size());
        CounterBatch.Delta delta = rows.get(0).getValue();
        assertArrayEquals(new long[] { 1, 0, 3, 0 }, delta.counts);
        assertEquals(T2, delta.firstSeen[Severity.ERROR.ordinal()]);
        assertEquals(T3, delta.lastSeen[Severity.ERROR.ordinal()]);
        assertEquals(T3, delta.firstSeen[Severity.INFO.ordinal()]);
        assertNull(delta.firstSeen[Severity.CRITICAL.ordinal()]);
    }

    @Test
    void rowsComeInOneOrderWhateverTheEventsOrderSoThatBatchesLockAlike() {
        CounterBatch one = new CounterBatch();
        CounterBatch other = new CounterBatch();
        List<Object[]> events = List.of(new Object[] { 9L, Dimension.TYPE, "queue" }, new Object[] { 7L, Dimension.SAMPLE_ID, "12" },
                new Object[] { 7L, Dimension.CATEGORY, "DVB" }, new Object[] { 7L, Dimension.CATEGORY, "AAC" });
        events.forEach(e -> one.add((Long) e[0], (Dimension) e[1], (String) e[2], Severity.INFO, T1, null));
        List<Object[]> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        reversed.forEach(e -> other.add((Long) e[0], (Dimension) e[1], (String) e[2], Severity.INFO, T1, null));
        assertEquals(one.rowsInKeyOrder().stream().map(Map.Entry::getKey).toList(),
                other.rowsInKeyOrder().stream().map(Map.Entry::getKey).toList());
        assertEquals(new CounterBatch.CounterKey(7, Dimension.CATEGORY, "AAC"), one.rowsInKeyOrder().get(0).getKey());
    }

    @Test
    void outputHashesAddUpPerBucketOverAllSeveritiesModulo2To64() {
        CounterBatch batch = new CounterBatch();
        batch.add(7, Dimension.TYPE, "build", Severity.ERROR, T1, new OutputHash(Long.MAX_VALUE));
        batch.add(7, Dimension.TYPE, "build", Severity.INFO, T1, new OutputHash(2));
        batch.add(7, Dimension.TYPE, "build", Severity.INFO, T2, null);
        CounterBatch.Delta delta = batch.rowsInKeyOrder().get(0).getValue();
        assertEquals(2, delta.outputHashCount);
        assertEquals(Long.MIN_VALUE + 1, delta.outputHashSum);
        assertArrayEquals(new long[] { 2, 0, 1, 0 }, delta.counts);
    }

    /** A digest is the first 8 bytes of the SHA-256, big-endian: SHA-256("abc") begins ba7816bf8f01cfea (FIPS 180-2). */
    @Test
    void anOutputHashsDigestIsTheFirstEightBytesOfItsSha256() {
        assertEquals(0xba7816bf8f01cfeaL, OutputHash.of("abc").digest());
    }

    /** Known values stay; a value given for a field not known is added; another value is a conflict naming both. */
    @Test
    void runMetadataIsFilledInAndAnotherValueConflicts() {
        RunMetadata known = new RunMetadata("master", null, null, null, 237, null);
        RunMetadata completed = new RunMetadata(null, null, null, null, null, 1);
        assertEquals(List.of(), known.conflicts(completed));
        assertEquals(new RunMetadata("master", null, null, null, 237, 1), known.filledIn(completed));
        assertEquals(List.of(), known.conflicts(new RunMetadata("master", "linux", null, null, 237, null)));
        assertEquals(List.of("branch is \"master\", the event gives \"main\"", "tests_expected is 237, the event gives 236"),
                known.conflicts(new RunMetadata("main", "linux", null, null, 236, null)));
        assertEquals(known, RunMetadata.NONE.filledIn(known));
    }

    @Test
    void aRunMadeKnownWithoutErrorsHasNoRows() {
        CounterBatch batch = new CounterBatch();
        batch.addRun(5);
        assertEquals(Set.of(5L), batch.runs());
        assertEquals(List.of(), batch.rowsInKeyOrder());
    }
}
