package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.UUID;

/**
 * A partition's stored position: the next offset to apply, in the log of the topic whose id is {@code topicId}
 * (null when it was stored before topic ids were kept).
 */
public record StoredOffset(long nextOffset, UUID topicId) {
}
