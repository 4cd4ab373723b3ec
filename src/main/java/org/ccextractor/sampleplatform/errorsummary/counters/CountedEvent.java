package org.ccextractor.sampleplatform.errorsummary.counters;

/** The identity of an error event for de-duplication: its event_id is unique within its run. */
public record CountedEvent(long runId, String eventId) {
}
