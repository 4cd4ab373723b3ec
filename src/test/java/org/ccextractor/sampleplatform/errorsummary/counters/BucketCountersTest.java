package org.ccextractor.sampleplatform.errorsummary.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is bound for a timestamptz: the microsecond the time is in, on every side of 1970 and of 2000. */
class BucketCountersTest {

    @ParameterizedTest
    @CsvSource({
            "1999-12-31T23:59:59.9999999Z,         1999-12-31T23:59:59.999999Z",
            "2000-01-01T00:59:59.999999999+01:00,  2000-01-01T00:59:59.999999+01:00",
            "1969-12-31T23:59:59.9999999Z,         1969-12-31T23:59:59.999999Z",
            "0001-01-01T00:00:00.0000005Z,         0001-01-01T00:00:00Z",
            "2026-11-28T12:00:00.9999995Z,         2026-11-28T12:00:00.999999Z",
            "2000-01-01T00:00:00.0000001Z,         2000-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999999Z,          1999-12-31T23:59:59.999999Z",
    })
    void aTimeIsBoundAsTheMicrosecondItIsIn(String sent, String bound) {
        assertEquals(OffsetDateTime.parse(bound), BucketCounters.microsecond(OffsetDateTime.parse(sent)));
    }

    @Test
    void aSeverityNotSeenStaysNull() {
        assertNull(BucketCounters.microsecond(null));
    }
}
