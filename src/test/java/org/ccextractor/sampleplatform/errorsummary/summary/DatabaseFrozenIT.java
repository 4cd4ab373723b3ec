package org.ccextractor.sampleplatform.errorsummary.summary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.local.FreePort;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.local.ServiceProcess;

/**
 * The packaged service against a PostgreSQL of its own that is frozen (SIGSTOP to the postmaster and every backend):
 * its connections stay open and nothing answers, the case that no refused connection reveals. Reads must answer the
 * contract's 503 within seconds, with the shared rate limit (its JDBC pool) and with the in-memory one (the reactive
 * pool alone), readiness must answer DOWN within its probe's timeout, and reads must be 200 again once it is woken.
 */
class DatabaseFrozenIT {

    static final Path LOGS = Path.of("target", "database-frozen-it");
    /** The contract's "a few seconds", with a second of slack for a loaded machine. */
    static final Duration READ_BOUND = Duration.ofSeconds(6);
    /** The readiness probe's timeoutSeconds in deploy/kubernetes/error-summary.yaml. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    static final long RUN = 7_760;

    final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, Optional<String> retryAfter, String body, Duration took) {
        String code() throws IOException {
            return status < 0 ? "(no answer)" : Events.JSON.readTree(body).path("code").asText();
        }
    }

    @Test
    void aFrozenDatabaseIsA503WithinSecondsAndReadsComeBackWhenItWakes() throws Exception {
        Files.createDirectories(LOGS);
        LocalInfrastructure infrastructure = LocalInfrastructure.shared();
        LocalKeys keys = LocalKeys.generate(LOGS.resolve("keys"));
        Path data = Files.createTempDirectory("error-summary-frozen-pg");
        int pgPort = FreePort.pick();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setPort(pgPort).start();
        LocalInfrastructure.Database db = new LocalInfrastructure.Database(
                "jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "postgres");
        String topic = "database-frozen-it-" + UUID.randomUUID();
        infrastructure.createTopic(topic);
        infrastructure.createTopic(topic + ".dlq");
        Map<String, String> settings = Map.of("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", topic,
                "MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", topic + ".dlq");
        String cached = keys.readerToken("frozen-reader");
        try (ServiceProcess shared = service(infrastructure.withDatabase(db), keys, settings, "shared-limit");
                ServiceProcess local = service(infrastructure.withDatabase(db), keys,
                        with(settings, "ERROR_SUMMARY_RATE_LIMIT_SHARED", "false"), "local-limit")) {
            shared.start();
            local.start();
            try (EventPublisher publisher = new EventPublisher(infrastructure.kafkaBootstrapServers(), topic)) {
                Instant at = Instant.parse("2026-11-28T12:00:00Z");
                publisher.send(Events.runCreated("frozen-run", RUN, at));
                for (int i = 0; i < 3; i++) {
                    publisher.send(Events.error("frozen-" + i, RUN, at.plusSeconds(i), "diff_mismatch", "error", null, null, null));
                }
                publisher.flush();
            }
            for (ServiceProcess service : List.of(shared, local)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    Answer answer = read(service, cached);
                    return answer.status() == 200 && Events.JSON.readTree(answer.body()).path("data").path(0).path("count").asLong() == 3;
                });
            }

            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            try {
                freeze(postmaster);
                System.out.printf("[frozen-it] PostgreSQL %d and its children stopped%n", postmaster);
                Thread.sleep(500); // past max-staleness: a read must ask the database again
                for (ServiceProcess service : List.of(shared, local)) {
                    assertUnavailable(service, read(service, cached), "a token already verified");
                    assertUnavailable(service, read(service, keys.readerToken("frozen-new-" + service.port())), "a new subject");
                    Instant asked = Instant.now();
                    int ready = status(service, "/q/health/ready");
                    Duration took = Duration.between(asked, Instant.now());
                    assertEquals(503, ready, "readiness of " + service.port() + " after " + took);
                    assertTrue(took.compareTo(PROBE_TIMEOUT) < 0, "readiness of " + service.port() + " took " + took);
                }
            } finally {
                thaw(postmaster);
            }
            for (ServiceProcess service : List.of(shared, local)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> read(service, cached).status() == 200);
            }
        } finally {
            postgres.close();
        }
    }

    private void assertUnavailable(ServiceProcess service, Answer answer, String which) throws IOException {
        String what = which + " on " + service.port() + ": " + answer;
        assertTrue(answer.took().compareTo(READ_BOUND) < 0, what);
        assertEquals(503, answer.status(), what);
        assertEquals("unavailable", answer.code(), what);
        assertTrue(answer.retryAfter().isPresent(), what);
        System.out.printf("[frozen-it] %s%n", what);
    }

    /** The postmaster first, so that it forks no backend that escapes, then each of its children. */
    private static void freeze(long postmaster) throws Exception {
        signal("STOP", postmaster);
        for (long child : children(postmaster)) {
            signal("STOP", child);
        }
    }

    /** Its children first, so that the postmaster wakes to backends that answer. */
    private static void thaw(long postmaster) throws Exception {
        for (long child : children(postmaster)) {
            signal("CONT", child);
        }
        signal("CONT", postmaster);
    }

    private static List<Long> children(long pid) {
        return ProcessHandle.of(pid).map(p -> p.children().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor());
    }

    private Answer read(ServiceProcess service, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port()
                + "/api/v1/runs/" + RUN + "/error-summary")).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(15)).build();
        Instant asked = Instant.now();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After"), response.body(),
                    Duration.between(asked, Instant.now()));
        } catch (HttpTimeoutException none) {
            return new Answer(-1, Optional.empty(), "", Duration.between(asked, Instant.now()));
        }
    }

    private int status(ServiceProcess service, String path) throws IOException, InterruptedException {
        try {
            return service.status(path);
        } catch (HttpTimeoutException none) {
            return -1;
        }
    }

    private static ServiceProcess service(LocalInfrastructure infrastructure, LocalKeys keys, Map<String, String> settings,
            String log) {
        return new ServiceProcess(infrastructure, keys, FreePort.pick(), settings,
                ProcessBuilder.Redirect.appendTo(LOGS.resolve(log + ".log").toFile()));
    }

    private static Map<String, String> with(Map<String, String> settings, String name, String value) {
        Map<String, String> more = new HashMap<>(settings);
        more.put(name, value);
        return more;
    }
}
