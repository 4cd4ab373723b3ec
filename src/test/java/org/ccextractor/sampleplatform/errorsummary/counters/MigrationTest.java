package org.ccextractor.sampleplatform.errorsummary.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/** The migrations as replicas run them at start-up (quarkus.flyway.migrate-at-start), on schemas of their own. */
@ServiceTest
class MigrationTest {

    static final int REPLICAS = 4;
    static final int ROUNDS = 3;
    static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

    /**
     * Replicas that start together all migrate: Flyway serializes them with a PostgreSQL advisory lock, the
     * first applies every version, the others wait, then find nothing left to do. Here several clients migrate
     * one empty schema at the same instant, a few times over.
     */
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

    /** V4 moves V1's rows per severity scope into columns of one row per bucket: every count and time is kept. */
    @Test
    void countersOfTheRowPerScopeLayoutSurviveTheMoveToColumns() throws Exception {
        String schema = "migration_v4_" + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure().configuration(flyway(schema).getConfiguration()).target("3").load().migrate();
        try (Connection c = connect()) {
            c.createStatement().execute("""
                    INSERT INTO %s.counters VALUES
                        (7, 'regression_id', 0, '12', 12, 3, 4, '2026-11-28T10:00:00Z', '2026-11-28T12:00:00Z'),
                        (7, 'regression_id', 2, '12', 12, 2, 2, '2026-11-28T11:00:00Z', '2026-11-28T11:30:00Z'),
                        (7, 'regression_id', 4, '12', 12, 1, 4, '2026-11-28T10:00:00Z', '2026-11-28T12:00:00Z'),
                        (7, 'type', 0, 'build', 0, 1, 1, '2026-11-28T09:00:00Z', '2026-11-28T09:00:00Z'),
                        (7, 'type', 1, 'build', 0, 1, 1, '2026-11-28T09:00:00Z', '2026-11-28T09:00:00Z')
                    """.formatted(schema));
        }
        Flyway.configure().configuration(flyway(schema).getConfiguration()).target("4").load().migrate();
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            ResultSet rows = statement.executeQuery("""
                    SELECT dimension, key, key_order, count, first_seen::text, last_seen::text,
                           info_count, info_first_seen::text, warning_count, warning_last_seen::text,
                           error_count, error_first_seen::text,
                           critical_count, critical_first_seen::text, critical_last_seen::text
                    FROM %s.bucket_counters ORDER BY dimension, key""".formatted(schema));
            assertTrue(rows.next());
            assertEquals(List.of("regression_id", "12", 12L, 3L, "2026-11-28 10:00:00+00", "2026-11-28 12:00:00+00",
                    0L, "null", 2L, "2026-11-28 11:30:00+00", 0L, "null", 1L, "2026-11-28 10:00:00+00", "2026-11-28 12:00:00+00"),
                    values(rows));
            assertTrue(rows.next());
            assertEquals(List.of("type", "build", 0L, 1L, "2026-11-28 09:00:00+00", "2026-11-28 09:00:00+00",
                    1L, "2026-11-28 09:00:00+00", 0L, "null", 0L, "null", 0L, "null", "null"), values(rows));
            assertFalse(rows.next());
        } finally {
            dropSchema(schema);
        }
    }

    /**
     * V5 keeps each severity's figures (the all-severities ones are derived when read) and gives every run a version
     * of its own, so that no two runs, and no run deleted and started again, share one.
     */
    @Test
    void theCountsOfEachSeveritySurviveAndEveryRunGetsItsOwnVersion() throws Exception {
        String schema = "migration_v5_" + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure().configuration(flyway(schema).getConfiguration()).target("4").load().migrate();
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute("""
                    INSERT INTO %1$s.runs (run_id) VALUES (7), (8);
                    INSERT INTO %1$s.bucket_counters VALUES
                        (7, 'type', 'build', 0, 3, '2026-11-28T09:00:00Z', '2026-11-28T12:00:00Z',
                         1, '2026-11-28T09:00:00Z', '2026-11-28T09:00:00Z', 0, NULL, NULL,
                         2, '2026-11-28T10:00:00Z', '2026-11-28T12:00:00Z', 0, NULL, NULL)
                    """.formatted(schema));
        }
        flyway(schema).migrate();
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            ResultSet rows = statement.executeQuery("""
                    SELECT dimension, key, info_count, info_first_seen::text, warning_count, error_count,
                           error_first_seen::text, error_last_seen::text, critical_count
                    FROM %s.bucket_counters""".formatted(schema));
            assertTrue(rows.next());
            assertEquals(List.of("type", "build", 1L, "2026-11-28 09:00:00+00", 0L, 2L, "2026-11-28 10:00:00+00",
                    "2026-11-28 12:00:00+00", 0L), values(rows));
            assertFalse(rows.next());
            ResultSet versions = statement.executeQuery("SELECT count(DISTINCT version) FROM " + schema + ".runs");
            assertTrue(versions.next());
            assertEquals(2, versions.getLong(1));
        } finally {
            dropSchema(schema);
        }
    }

    /**
     * V7 moves "not given" from the key 'none' to the empty string in the three dimensions where a value may be
     * missing; a type named "none" is a type and stays.
     */
    @Test
    void notGivenMovesFromNoneToTheEmptyKeyWhereAValueMayBeMissing() throws Exception {
        String schema = "migration_v7_" + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure().configuration(flyway(schema).getConfiguration()).target("6").load().migrate();
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            StringBuilder rows = new StringBuilder();
            for (String dimension : List.of("type", "sample_id", "regression_id", "category", "severity")) {
                for (String key : List.of("none", "12")) {
                    rows.append(rows.isEmpty() ? "" : ", ").append("(7, '%s', '%s', 1, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL)"
                            .formatted(dimension, key));
                }
            }
            statement.execute("INSERT INTO %s.bucket_counters VALUES %s".formatted(schema, rows));
        }
        flyway(schema).migrate();
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            ResultSet rows = statement.executeQuery(
                    "SELECT dimension || ':' || key FROM %s.bucket_counters ORDER BY 1".formatted(schema));
            List<String> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
            assertEquals(List.of("category:", "category:12", "regression_id:", "regression_id:12", "sample_id:",
                    "sample_id:12", "severity:12", "severity:none", "type:12", "type:none"), keys);
        } finally {
            dropSchema(schema);
        }
    }

    /**
     * V8 adds the runs' metadata and the buckets' output-hash figures: what was stored before has none (NULL, an
     * incomplete run; no output hash, a sum of 0), and every count stays.
     */
    @Test
    void runsAndBucketsStoredBeforeV8HaveNoMetadataAndNoOutputHashes() throws Exception {
        String schema = "migration_v8_" + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure().configuration(flyway(schema).getConfiguration()).target("7").load().migrate();
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute("""
                    INSERT INTO %1$s.runs (run_id) VALUES (7);
                    INSERT INTO %1$s.bucket_counters VALUES (7, 'type', 'build', 1, NULL, NULL, 0, NULL, NULL, 2, NULL, NULL, 0, NULL, NULL)
                    """.formatted(schema));
        }
        flyway(schema).migrate();
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            ResultSet runs = statement.executeQuery("""
                    SELECT run_id, branch, platform, commit, base_commit, tests_expected, tests_run, complete FROM %s.runs
                    """.formatted(schema));
            assertTrue(runs.next());
            assertEquals(List.of(7L, "null", "null", "null", "null", "null", "null", "false"), values(runs));
            ResultSet buckets = statement.executeQuery(
                    "SELECT info_count, error_count, output_hash_count, output_hash_sum FROM %s.bucket_counters".formatted(schema));
            assertTrue(buckets.next());
            assertEquals(List.of(1L, 2L, 0L, 0L), values(buckets));
        } finally {
            dropSchema(schema);
        }
    }

    /**
     * The counters' columns are the ones Severity makes the SQL from, and the output-hash figures of all severities
     * together (V8): a severity added to it needs a migration.
     */
    @Test
    void bucketCountersHasTheColumnsOfEverySeverityAndNoOther() throws Exception {
        Set<String> expected = new TreeSet<>(List.of("run_id", "dimension", "key", "output_hash_count", "output_hash_sum"));
        for (Severity severity : Severity.values()) {
            for (String figure : List.of("count", "first_seen", "last_seen")) {
                expected.add(severity.column(figure));
            }
        }
        Set<String> actual = new TreeSet<>();
        try (Connection c = connect(); Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'bucket_counters'")) {
            while (rows.next()) {
                actual.add(rows.getString(1));
            }
        }
        assertEquals(expected, actual);
    }

    /** A row's columns as Long (numbers) or text ("null" for NULL). */
    private static List<Object> values(ResultSet row) throws SQLException {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
            Object value = row.getObject(i);
            values.add(value instanceof Number n ? (Object) n.longValue() : String.valueOf(value));
        }
        return values;
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
