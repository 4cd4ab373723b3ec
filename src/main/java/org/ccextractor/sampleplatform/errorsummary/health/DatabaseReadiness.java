package org.ccextractor.sampleplatform.errorsummary.health;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.problem.DatabaseUnavailable;

/**
 * Readiness of both database pools, each bounded by {@code error-summary.health.database-timeout}, side by side. In
 * place of Quarkus' own two checks (quarkus.datasource.health.enabled=false): the reactive one waits 20 s for a
 * database that keeps its connections open but does not answer, far past the readiness probe's 3 s.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final String NAME = "PostgreSQL connections";
    private static final String UP = "UP";

    private final Pool pool;
    private final AgroalDataSource dataSource;
    private final Duration timeout;

    public DatabaseReadiness(Pool pool, AgroalDataSource dataSource, ErrorSummaryConfig config) {
        this.pool = pool;
        this.dataSource = dataSource;
        this.timeout = config.health().databaseTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Uni<String> reactive = pool.query("SELECT 1").execute().replaceWith(UP);
        // Agroal's own validation of a pooled connection: blocking, bounded also by the JDBC pool's timeouts.
        Uni<String> jdbc = Uni.createFrom().item(() -> isHealthy() ? UP : "DOWN: validation failed")
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return Uni.combine().all().unis(bounded(reactive), bounded(jdbc)).with((r, j) -> HealthCheckResponse.named(NAME)
                .status(r.equals(UP) && j.equals(UP)).withData("reactive", r).withData("jdbc", j).build());
    }

    private boolean isHealthy() {
        try {
            return dataSource.isHealthy(false);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Uni<String> bounded(Uni<String> check) {
        return DatabaseUnavailable.within(timeout, check).onFailure().recoverWithItem(e -> "DOWN: " + e.getMessage());
    }
}
