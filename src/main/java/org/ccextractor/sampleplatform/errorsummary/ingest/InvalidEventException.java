package org.ccextractor.sampleplatform.errorsummary.ingest;

/** A record value that cannot be counted, with a machine-readable reason and a sentence saying why. */
public class InvalidEventException extends Exception {

    public enum Reason {
        NO_VALUE,
        TOO_LARGE,
        NOT_UTF8,
        NOT_JSON,
        NOT_AN_OBJECT,
        UNKNOWN_KIND,
        SCHEMA_VIOLATION;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public InvalidEventException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
