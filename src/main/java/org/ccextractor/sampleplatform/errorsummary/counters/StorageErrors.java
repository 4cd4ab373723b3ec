package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.Set;

import io.vertx.pgclient.PgException;

/**
 * Which failures of a write can never succeed by trying again. PostgreSQL says so in the SQLSTATE (appendix A of
 * its manual): class 22 (data exception, e.g. text it cannot encode), class 23 (integrity constraint violation),
 * 21000 (cardinality violation) and 54000 (program limit exceeded, e.g. an index row too large) are about the data
 * written. Anything else (a lost connection, 40001 serialization failure, 40P01 deadlock, 57P01 admin shutdown, a
 * timeout) may succeed later.
 */
public final class StorageErrors {

    private static final Set<String> DATA_CLASSES = Set.of("22", "23");
    private static final Set<String> DATA_STATES = Set.of("21000", "54000");

    private StorageErrors() {
    }

    /** True when {@code failure} is PostgreSQL refusing the data itself. */
    public static boolean refusesData(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                return DATA_STATES.contains(state) || DATA_CLASSES.contains(state.substring(0, 2));
            }
        }
        return false;
    }

    /** PostgreSQL's own words for a refusal, with its SQLSTATE; the failure's message otherwise. */
    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")";
            }
        }
        return String.valueOf(failure.getMessage());
    }
}
