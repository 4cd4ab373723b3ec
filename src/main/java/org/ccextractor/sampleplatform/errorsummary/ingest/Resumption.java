package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.util.UUID;

import org.ccextractor.sampleplatform.errorsummary.counters.StoredOffset;

/**
 * Where an assigned partition resumes, decided from its stored position and the broker's log as it is now. Records
 * are never skipped silently: a log that is not the one the position was stored for (the topic deleted and created
 * again: another topic id) is read from its beginning, de-duplication covering what was counted before; records
 * that the broker removed before they were counted (retention, deleteRecords) are reported as lost; a position past
 * the log's end (records the broker lost) is moved back to the end, so that the records written there next count.
 *
 * @param offset   where the consumer seeks
 * @param reset    the position to store now in place of what is stored, or null to keep that
 * @param adopt    true when the stored position has no topic id (or no row) yet: it takes the topic's id now
 * @param lost     records removed by the broker before they were counted (0 when none)
 * @param why      what happened, for the log, or null when nothing did
 * @param brokerLostRecords the broker no longer has records it had (logged at ERROR)
 */
record Resumption(long offset, StoredOffset reset, boolean adopt, long lost, String why, boolean brokerLostRecords) {

    /**
     * @param stored   the stored position, or null when there is none
     * @param topicId  the topic's id now
     * @param logStart the log's first offset now
     * @param logEnd   the offset after the log's last readable record now
     */
    static Resumption of(StoredOffset stored, UUID topicId, long logStart, long logEnd) {
        if (stored == null) {
            return new Resumption(logStart, null, true, 0, null, false);
        }
        if (stored.topicId() != null && !stored.topicId().equals(topicId)) {
            return new Resumption(logStart, new StoredOffset(0, topicId), false, 0, "the topic was created again (id " + stored.topicId()
                    + " is now " + topicId + "): its new log is read from the beginning", false);
        }
        boolean adopt = stored.topicId() == null;
        if (stored.nextOffset() > logEnd) {
            return new Resumption(logEnd, new StoredOffset(logEnd, topicId), false, 0, "the stored offset " + stored.nextOffset()
                    + " is past the log's end " + logEnd + ": the broker lost records that were counted; the records "
                    + "written from " + logEnd + " on are counted", true);
        }
        if (stored.nextOffset() < logStart) {
            long lost = logStart - stored.nextOffset();
            return new Resumption(logStart, null, adopt, lost, lost + " records (offsets " + stored.nextOffset() + " to "
                    + (logStart - 1) + ") were removed by the broker (retention, deleteRecords) before they were counted", true);
        }
        return new Resumption(stored.nextOffset(), null, adopt, 0, null, false);
    }
}
