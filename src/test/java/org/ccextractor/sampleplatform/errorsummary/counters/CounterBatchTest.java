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
        batch.add(7, Dimension.TYPE, "build", Severity.ERROR, T1);
        batch.add(7, Dimension.TYPE, "build", Severity.ERROR, T2); // 11:00 UTC: the earlier instant
        batch.add(7, Dimension.TYPE, "build", Severity.ERROR, T3);
        batch.add(7, Dimension.TYPE, "build", Severity.INFO, T3);
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
        events.forEach(e -> one.add((Long) e[0], (Dimension) e[1], (String) e[2], Severity.INFO, T1));
        List<Object[]> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        reversed.forEach(e -> other.add((Long) e[0], (Dimension) e[1], (String) e[2], Severity.INFO, T1));
        assertEquals(one.rowsInKeyOrder().stream().map(Map.Entry::getKey).toList(),
                other.rowsInKeyOrder().stream().map(Map.Entry::getKey).toList());
        assertEquals(new CounterBatch.CounterKey(7, Dimension.CATEGORY, "AAC"), one.rowsInKeyOrder().get(0).getKey());
    }

    @Test
    void aRunMadeKnownWithoutErrorsHasNoRows() {
        CounterBatch batch = new CounterBatch();
        batch.addRun(5);
        assertEquals(Set.of(5L), batch.runs());
        assertEquals(List.of(), batch.rowsInKeyOrder());
    }
}
