package org.ccextractor.sampleplatform.errorsummary.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.ccextractor.sampleplatform.errorsummary.local.ErrorSummaryTestResource;

/**
 * Replicas that start together all run the migrations at start-up (quarkus.flyway.migrate-at-start). Flyway
 * serializes them with a PostgreSQL advisory lock: the first applies every version, the others wait, then find
 * nothing left to do. Here several clients migrate one empty schema at the same instant, a few times over.
 */
@QuarkusTest
@WithTestResource(value = ErrorSummaryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConcurrentMigrationTest {

    static final int REPLICAS = 4;
    static final int ROUNDS = 3;
    static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

    @Test
    void replicasMigratingAnEmptySchemaAtOnceApplyEachVersionOnce() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String schema = "migration_race_" + UUID.randomUUID().toString().replace("-", "");
                CyclicBarrier together = new CyclicBarrier(REPLICAS);
                List<Future<MigrateResult>> results = new ArrayList<>();
                for (int i = 0; i < REPLICAS; i++) {
                    results.add(replicas.submit(() -> {
                        Flyway flyway = flyway(schema);
                        together.await();
                        return flyway.migrate();
                    }));
                }
                long applied = 0;
                for (Future<MigrateResult> result : results) {
                    applied += result.get().migrationsExecuted;
                }
                long versions = versions();
                assertEquals(versions, applied, "migrations executed by all replicas together");
                assertEquals(versions, successfulVersions(schema), "versions in the schema history");
                dropSchema(schema);
            }
        } finally {
            replicas.shutdownNow();
        }
    }

    /** The versioned migrations in the sources. */
    private static long versions() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(f -> f.getFileName().toString().matches("V[0-9]+__.*\\.sql")).count();
        }
    }

    /** Flyway as the service configures it (default location db/migration), on another schema. */
    private static Flyway flyway(String schema) {
        return Flyway.configure()
                .dataSource(setting("quarkus.datasource.jdbc.url"), setting("quarkus.datasource.username"),
                        setting("quarkus.datasource.password"))
                .schemas(schema)
                .load();
    }

    private static long successfulVersions(String schema) throws SQLException {
        try (Connection c = connect(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT count(DISTINCT version) FROM " + schema + ".flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void dropSchema(String schema) throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(setting("quarkus.datasource.jdbc.url"), setting("quarkus.datasource.username"),
                setting("quarkus.datasource.password"));
    }

    private static String setting(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
