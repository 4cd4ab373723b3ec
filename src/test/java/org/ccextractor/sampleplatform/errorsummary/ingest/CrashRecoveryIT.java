package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.FreePort;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.local.ServiceProcess;
import org.ccextractor.sampleplatform.errorsummary.testing.GroundTruth;

/**
 * The packaged service, as separate processes, against a real broker and database: killed with SIGKILL
 * and stopped with SIGTERM during ingestion, joined and left by a second instance, frozen past a rebalance and woken, cut off from PostgreSQL. Afterwards every
 * counter must equal the ground truth exactly.
 *
 * Sizes: -Dcrash.events (default 100000), -Dcrash.kills (default 5).
 */
class CrashRecoveryIT {

    static final int EVENTS = Integer.getInteger("crash.events", 100_000);
    static final int KILLS = Integer.getInteger("crash.kills", 5);
    static final int RUNS = 20;
    /** Records per second: slow enough that ingestion spans every fault (about 40 s at the default size). */
    static final int RATE = Integer.getInteger("crash.rate", EVENTS / 40);

    static final Path LOGS = Path.of("target", "crash-it");

    static LocalInfrastructure infrastructure;
    static LocalKeys keys;
    final Random random = new Random();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(LOGS);
        infrastructure = LocalInfrastructure.shared();
        keys = LocalKeys.generate(LOGS.resolve("keys"));
    }

    @AfterAll
    static void stop() {
        infrastructure.close();
    }

    @Test
    void killNineDuringIngestionLosesNothingAndCountsNothingTwice() throws Exception {
        Scenario scenario = new Scenario("kill");
        try (ServiceProcess service = scenario.service(infrastructure, "kill").start()) {
            CompletableFuture<Void> publishing = scenario.publish();
            for (int kill = 1; kill <= KILLS; kill++) {
                Thread.sleep(1_000 + random.nextInt(2_500));
                service.kill();
                System.out.printf("[crash-it] kill -9 number %d, publishing %s%n", kill,
                        publishing.isDone() ? "done" : "going on");
                service.start();
            }
            publishing.get();
            scenario.verify(service.port());
        }
    }

    /**
     * SIGTERM, as Kubernetes stops a pod, during ingestion: the service stops applying polls and lets the batch in
     * hand commit before its database pool closes, so no batch ever runs into a closed pool ("Pool closed"), and it
     * exits well within error-summary.ingest.shutdown-wait (10 s) plus the start-up's own stop.
     */
    @Test
    void sigtermDuringIngestionLetsTheBatchInHandFinishBeforeThePoolCloses() throws Exception {
        Scenario scenario = new Scenario("sigterm");
        Path log = LOGS.resolve("sigterm.log");
        Files.deleteIfExists(log);
        try (ServiceProcess service = scenario.service(infrastructure, "sigterm").start()) {
            CompletableFuture<Void> publishing = scenario.publish();
            for (int stop = 1; stop <= KILLS; stop++) {
                Thread.sleep(1_000 + random.nextInt(2_500));
                long started = System.nanoTime();
                service.stop();
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("[crash-it] SIGTERM number %d: exited in %d ms, publishing %s%n", stop, millis,
                        publishing.isDone() ? "done" : "going on");
                assertTrue(millis < 15_000, "exited " + millis + " ms after SIGTERM");
                service.start();
            }
            publishing.get();
            scenario.verify(service.port());
        }
        String output = Files.readString(log);
        // Quarkus' own last line of a graceful stop, once per SIGTERM: each of the loop's and the one closing the test.
        assertEquals(KILLS + 1, output.split(" stopped in ", -1).length - 1, "graceful stops in " + log);
        assertFalse(output.contains("Pool closed"), "a batch ran into the closed pool: see " + log);
    }

    @Test
    void aRebalanceBetweenTwoInstancesMidStreamKeepsCountsExact() throws Exception {
        Scenario scenario = new Scenario("rebalance");
        try (ServiceProcess first = scenario.service(infrastructure, "rebalance-1").start();
                ServiceProcess second = scenario.service(infrastructure, "rebalance-2")) {
            CompletableFuture<Void> publishing = scenario.publish();
            Thread.sleep(2_000);
            second.start(); // partitions are split between the two
            Thread.sleep(2_000);
            first.kill(); // the second takes all of them over, mid-batch
            Thread.sleep(1_000);
            first.start(); // and splits them again
            publishing.get();
            scenario.verify(second.port());
        }
    }

    /**
     * One of two instances frozen (SIGSTOP) past the consumer's session timeout mid-stream, so that its partitions
     * move to the other, then woken (SIGCONT) with whatever batch it had: a zombie. Its batch is fenced, its stored
     * offsets never move back (watched throughout), and PostgreSQL ends its transaction if it froze inside one
     * (idle_in_transaction_session_timeout), so the other instance is never blocked for long.
     */
    @Test
    void aZombieWokenAfterARebalanceNeitherDoublesNorMovesTheOffsetsBack() throws Exception {
        Scenario scenario = new Scenario("zombie");
        try (ServiceProcess first = scenario.service(infrastructure, "zombie-1").start();
                ServiceProcess second = scenario.service(infrastructure, "zombie-2").start();
                OffsetWatch watch = new OffsetWatch(infrastructure.database(), scenario.topic)) {
            CompletableFuture<Void> publishing = scenario.publish();
            Thread.sleep(3_000);
            signal("STOP", first.pid());
            Thread.sleep(50_000); // past the consumer's session timeout (45 s): the second takes every partition
            signal("CONT", first.pid());
            publishing.get();
            scenario.verify(second.port());
            scenario.verify(first.port());
            assertEquals(List.of(), watch.backwards(), "stored offsets that moved back");
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor());
        System.out.printf("[crash-it] SIG%s to %d%n", signal, pid);
    }

    /** Reads the topic's stored offsets every 100 ms and notes each one lower than one read before. */
    private static final class OffsetWatch implements AutoCloseable {
        private final List<String> backwards = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean stopped;

        OffsetWatch(LocalInfrastructure.Database db, String topic) {
            thread = new Thread(() -> {
                Map<Integer, Long> highest = new HashMap<>();
                try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                        PreparedStatement read = connection.prepareStatement(
                                "SELECT partition, next_offset FROM consumer_offsets WHERE topic = ?")) {
                    read.setString(1, topic);
                    while (!stopped) {
                        try (ResultSet rows = read.executeQuery()) {
                            while (rows.next()) {
                                long before = highest.getOrDefault(rows.getInt(1), 0L);
                                if (rows.getLong(2) < before) {
                                    backwards.add("partition " + rows.getInt(1) + ": " + before + " -> " + rows.getLong(2));
                                }
                                highest.merge(rows.getInt(1), rows.getLong(2), Math::max);
                            }
                        }
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    backwards.add("the watch failed: " + e);
                }
            }, "offset-watch");
            thread.start();
        }

        List<String> backwards() {
            return List.copyOf(backwards);
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.join();
        }
    }

    @Test
    void postgresDownDuringIngestionPausesAndResumesExactly() throws Exception {
        Path data = Files.createTempDirectory("error-summary-pg");
        int pgPort = FreePort.pick();
        EmbeddedPostgres postgres = restartablePostgres(data, pgPort);
        LocalInfrastructure.Database db = new LocalInfrastructure.Database(
                "jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "postgres");
        Scenario scenario = new Scenario("pg-restart");
        try (ServiceProcess service = scenario.service(infrastructure.withDatabase(db), "pg-restart").start()) {
            CompletableFuture<Void> publishing = scenario.publish();
            Thread.sleep(2_000);
            postgres.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> service.status("/q/health/ready") == 503);
            postgres = restartablePostgres(data, pgPort);
            publishing.get();
            scenario.verify(service.port());
            await().atMost(Duration.ofSeconds(20)).until(() -> service.status("/q/health/ready") == 200);
        } finally {
            postgres.close();
        }
    }

    private static EmbeddedPostgres restartablePostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    /** One test's topic, runs and ground truth. */
    private static final class Scenario {
        final String topic = "crash-it-" + UUID.randomUUID();
        final GroundTruth truth;

        Scenario(String name) throws Exception {
            long firstRun = 10_000_000L + Math.abs(new Random().nextInt(1_000_000)) * 100L;
            truth = new GroundTruth(firstRun, RUNS, EVENTS, name.hashCode());
            infrastructure.createTopic(topic);
            infrastructure.createTopic(topic + ".dlq");
            System.out.printf("[crash-it] %s: %d records (%d distinct errors) on %s%n", name, truth.records(),
                    truth.expectedErrors(), topic);
        }

        ServiceProcess service(LocalInfrastructure infra, String log) {
            // The checks read every page of every run: far more than the default rate limit allows.
            return new ServiceProcess(infra, keys, FreePort.pick(), Map.of(
                    "MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", topic,
                    "MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", topic + ".dlq",
                    "ERROR_SUMMARY_RATE_LIMIT_REQUESTS", "100000000"),
                    ProcessBuilder.Redirect.appendTo(LOGS.resolve(log + ".log").toFile()));
        }

        CompletableFuture<Void> publish() {
            return CompletableFuture.runAsync(() -> {
                try (EventPublisher publisher = new EventPublisher(infrastructure.kafkaBootstrapServers(), topic)) {
                    truth.publish(publisher, RATE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        }

        void verify(int port) throws Exception {
            truth.verify(port, keys.readerToken("crash-it"), Duration.ofSeconds(180));
        }
    }
}
