package org.ccextractor.sampleplatform.errorsummary.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The benchmark at a tiny size, so that it keeps working: every phase runs and the service's counts equal
 * the ground truth. Its timings mean nothing at this size and are not checked.
 */
class BenchmarkSmokeIT {

    @Test
    void theBenchmarkRunsEndToEndWithExactCounts() throws Exception {
        assertEquals(0, new Benchmark(0.005, Duration.ofSeconds(2)).run(), "exit status (non-zero: counts differ)");
    }
}
