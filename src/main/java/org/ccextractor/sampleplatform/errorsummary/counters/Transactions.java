package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * PostgreSQL transactions on the reactive pool, for work that spans the stores of this package (each store's
 * methods take the transaction's connection).
 */
@ApplicationScoped
public class Transactions {

    private final Pool pool;

    public Transactions(Pool pool) {
        this.pool = pool;
    }

    /** Runs {@code work} in one transaction: it commits when the returned Uni succeeds, else rolls back. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /**
     * Runs {@code work} in a transaction that is rolled back whatever happens: whether it would succeed, without
     * writing anything. Fails as {@code work} fails.
     */
    public Uni<Void> trial(Function<SqlConnection, Uni<?>> work) {
        return pool.withConnection(connection -> connection.begin().chain(transaction -> work.apply(connection)
                .onItemOrFailure().call((done, failure) -> transaction.rollback())
                .replaceWithVoid()));
    }
}
