package org.ccextractor.sampleplatform.errorsummary.counters;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.Set;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

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
    /** Class 08 (connection exception), and the server shutting down, crashed or not yet accepting connections. */
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private StorageErrors() {
    }

    /** True when {@code failure} is, or holds, PostgreSQL refusing the data itself. */
    public static boolean refusesData(Throwable failure) {
        return postgres(failure).map(pg -> pg.getSqlState() != null && (DATA_STATES.contains(pg.getSqlState())
                || DATA_CLASSES.contains(pg.getSqlState().substring(0, 2)))).orElse(false);
    }

    /**
     * True when {@code failure} is, or holds, the database not being reachable: a connection refused, reset or closed
     * (a ConnectException is a SocketException), or PostgreSQL saying it cannot serve connections now.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof ClosedConnectionException
                    || cause instanceof ClosedChannelException) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState().startsWith("08") || UNREACHABLE_STATES.contains(pg.getSqlState());
            }
            if (cause instanceof CompositeException composite) {
                return composite.getCauses().stream().anyMatch(StorageErrors::unreachable);
            }
        }
        return false;
    }

    /** PostgreSQL's own words for a refusal, with its SQLSTATE; the failure's message otherwise. */
    public static String describe(Throwable failure) {
        return postgres(failure).map(pg -> pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")")
                .orElse(String.valueOf(failure.getMessage()));
    }

    /** PostgreSQL's error in the chain of causes, also inside the failures of work that ran side by side. */
    private static Optional<PgException> postgres(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return Optional.of(pg);
            }
            if (cause instanceof CompositeException composite) {
                return composite.getCauses().stream().map(StorageErrors::postgres).flatMap(Optional::stream).findFirst();
            }
        }
        return Optional.empty();
    }
}
