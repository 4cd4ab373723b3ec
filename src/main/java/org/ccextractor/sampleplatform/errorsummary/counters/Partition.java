package org.ccextractor.sampleplatform.errorsummary.counters;

/** A partition of a topic, whose consumed position is kept with the counters. */
public record Partition(String topic, int partition) {
}
