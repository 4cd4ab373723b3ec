package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.util.Locale;

/**
 * A record value that cannot be counted, with a machine-readable reason, a sentence saying why, and the event id
 * when the value named one (for the logs).
 */
public class InvalidEventException extends Exception {

    /** The dead-letter-reason-code header's values (README, "Guarantees"). */
    public enum Reason {
        NO_VALUE,
        TOO_LARGE,
        NOT_UTF8,
        NOT_JSON,
        NOT_AN_OBJECT,
        UNKNOWN_KIND,
        SCHEMA_VIOLATION,
        /**
         * Valid by the schema, but a run_created or run_completed event that gives its run another value of a field
         * than the run has (issue 18: known values never change); the reason names both.
         */
        CONFLICT,
        /** Valid by the schema, but PostgreSQL refuses to store it (a data or constraint error, not an outage). */
        UNSTORABLE,
        /**
         * Valid by the schema, but applying it fails in this service itself (a defect, logged at ERROR): isolated like
         * an unstorable record, so that it cannot hold back the records after it.
         */
        UNPROCESSABLE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final String eventId;

    public InvalidEventException(Reason reason, String message) {
        this(reason, message, null);
    }

    public InvalidEventException(Reason reason, String message, String eventId) {
        super(message, null, false, false);
        this.reason = reason;
        this.eventId = eventId;
    }

    public Reason reason() {
        return reason;
    }

    /** The value's event_id as it was sent, or null when it named none (or is not an object). */
    public String eventId() {
        return eventId;
    }
}
