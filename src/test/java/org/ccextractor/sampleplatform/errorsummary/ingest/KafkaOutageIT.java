package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.FreePort;
import org.ccextractor.sampleplatform.errorsummary.local.KafkaBrokerProcess;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.local.ServiceProcess;
import org.ccextractor.sampleplatform.errorsummary.testing.GroundTruth;
import org.ccextractor.sampleplatform.errorsummary.testing.MetricSample;

/**
 * The packaged service while its Kafka broker is stopped and after the broker is started again at the same
 * address with its data (README, "Guarantees"). Meanwhile the API answers from PostgreSQL as fast as usual, readiness
 * is DOWN and liveness UP, although a batch in hand waits for the broker to take its dead letters; afterwards
 * readiness is UP again and the consumer has resumed by itself, so that every counter equals the ground truth of
 * the events published before the stop (counted then, or still to be counted), while the broker was down (held by
 * the producer) and after the restart.
 *
 * The outage (-Doutage.seconds, default 70) outlasts the 60 s for which the Kafka connector lets a record go
 * unacknowledged, by default, before it closes the consumer for good.
 */
class KafkaOutageIT {

    static final Path LOGS = Path.of("target", "kafka-outage-it");
    static final int RUNS = 5;
    static final int EVENTS = 2_000;
    static final int FAST = 20_000;
    static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("outage.seconds", 70));
    /**
     * Summaries take milliseconds; slower than this while the broker is down means they wait for it (its clients
     * wait 30 s and more), not a pause of a loaded machine.
     */
    static final Duration NORMAL_LATENCY = Duration.ofSeconds(5);
    static final String READY = "/q/health/ready";
    static final byte[] NOT_JSON = "{\"kind\":\"error\",\"truncated".getBytes(StandardCharsets.UTF_8);

    final HttpClient http = HttpClient.newHttpClient();
    final int servicePort = FreePort.pick();

    @Test
    void theApiAnswersWhileTheBrokerIsDownAndCountingResumesExactlyWhenItIsBack() throws Exception {
        Files.createDirectories(LOGS);
        LocalKeys keys = LocalKeys.generate(LOGS.resolve("keys"));
        String token = keys.readerToken("kafka-outage-it");
        String topic = "kafka-outage-it-" + UUID.randomUUID();
        long firstRun = 20_000_000L + new Random().nextInt(1_000_000) * 100L;
        GroundTruth before = new GroundTruth(firstRun, RUNS, EVENTS, 1);
        GroundTruth pending = new GroundTruth(firstRun + RUNS, RUNS, EVENTS, 2);
        GroundTruth during = new GroundTruth(firstRun + 2 * RUNS, RUNS, EVENTS, 3);
        GroundTruth after = new GroundTruth(firstRun + 3 * RUNS, RUNS, EVENTS, 4);
        long unknownRun = firstRun + 4 * RUNS;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.format(LOGS.resolve("broker"), FreePort.pick(), FreePort.pick())
                .start();
                LocalInfrastructure infrastructure = LocalInfrastructure.startWithKafka(broker.bootstrapServers())) {
            infrastructure.createTopic(topic);
            infrastructure.createTopic(topic + ".dlq");
            try (ServiceProcess service = new ServiceProcess(infrastructure, keys, servicePort, Map.of(
                    "MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", topic,
                    "MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", topic + ".dlq",
                    // the checks read every page of every run, far more than the default rate limit allows
                    "ERROR_SUMMARY_RATE_LIMIT_REQUESTS", "100000000"),
                    ProcessBuilder.Redirect.appendTo(LOGS.resolve("service.log").toFile())).start();
                    EventPublisher publisher = new EventPublisher(broker.bootstrapServers(), topic)) {
                before.publish(publisher, FAST);
                before.verify(servicePort, token, Duration.ofSeconds(60));
                long run = before.runs().get(0);
                String committed = summary(run, token).body();

                CompletableFuture<Void> publishing;
                try (Connection db = lockStoredOffsets(infrastructure.database(), topic)) {
                    // A batch in hand when the broker stops: values that need the broker, as dead letters, fetched, then
                    // held at their offsets' row locks (as by a replica still finishing a revoked partition) until the
                    // broker is gone. Behind it, events that are still to be counted.
                    double fetched = fetchedRecords();
                    before.runs().forEach(r -> publisher.send(Long.toString(r), NOT_JSON));
                    publisher.flush();
                    await().atMost(Duration.ofSeconds(30)).until(() -> fetchedRecords() >= fetched + before.runs().size());
                    pending.publish(publisher, FAST);
                    broker.stop();
                    db.rollback();
                    publishing = CompletableFuture.runAsync(() -> publish(during, publisher));
                }
                Instant stopped = Instant.now();
                await().atMost(Duration.ofSeconds(30)).until(() -> service.status(READY) == 503);
                Duration slowest = Duration.ZERO;
                int requests = 0;
                while (Instant.now().isBefore(stopped.plus(OUTAGE))) {
                    Answer known = summary(run, token);
                    Answer unknown = summary(unknownRun, token);
                    assertEquals(200, known.status(), known.body());
                    assertEquals(committed, known.body(), "the summary committed before the stop");
                    assertEquals(404, unknown.status(), unknown.body());
                    assertEquals(503, service.status(READY), "readiness while the broker is down");
                    assertEquals(200, service.status("/q/health/live"), "liveness while the broker is down");
                    slowest = List.of(slowest, known.took(), unknown.took()).stream().max(Duration::compareTo).orElseThrow();
                    requests += 2;
                    Thread.sleep(200);
                }
                System.out.printf("[kafka-outage-it] broker down %d s: %d summary requests, the slowest %d ms%n",
                        OUTAGE.toSeconds(), requests, slowest.toMillis());
                assertTrue(slowest.compareTo(NORMAL_LATENCY) < 0, "slowest summary while the broker is down: " + slowest);
                // every view of every run counted before the stop, still there and served in time
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> before.verify(servicePort, token, Duration.ofSeconds(5)));

                broker.start();
                Instant restarted = Instant.now();
                after.publish(publisher, FAST);
                publishing.get(60, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(60)).until(() -> service.status(READY) == 200);
                System.out.printf("[kafka-outage-it] ready again %d ms after the broker%n",
                        Duration.between(restarted, Instant.now()).toMillis());
                for (GroundTruth truth : List.of(before, pending, during, after)) {
                    truth.verify(servicePort, token, Duration.ofSeconds(120));
                }
            }
        }
    }

    /** A transaction holding the row locks that every batch of the topic's partitions takes first (counters.ConsumerOffsets.lock). */
    private static Connection lockStoredOffsets(LocalInfrastructure.Database database, String topic) throws SQLException {
        Connection db = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        db.setAutoCommit(false);
        try (PreparedStatement lock = db.prepareStatement("SELECT partition FROM consumer_offsets WHERE topic = ? FOR UPDATE")) {
            lock.setString(1, topic);
            lock.executeQuery().close();
        }
        return db;
    }

    /** How many records the service's consumer has fetched so far. */
    private double fetchedRecords() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + servicePort + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return MetricSample.parse(metrics).stream()
                .filter(s -> s.name().equals("kafka_consumer_fetch_manager_records_consumed_total"))
                .mapToDouble(MetricSample::value).sum();
    }

    private static void publish(GroundTruth truth, EventPublisher publisher) {
        try {
            truth.publish(publisher, FAST);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A summary request, timed; one that hangs fails after 10 s. */
    private Answer summary(long run, String token) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + servicePort + "/api/v1/runs/" + run + "/error-summary?group_by=type"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
    }

    private record Answer(int status, String body, Duration took) {
    }
}
