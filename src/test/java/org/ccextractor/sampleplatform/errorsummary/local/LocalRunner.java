package org.ccextractor.sampleplatform.errorsummary.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The README's run command: finds or starts Kafka and PostgreSQL (see {@link LocalInfrastructure}), starts
 * the packaged service against them, publishes a demo run through Kafka and prints a token and a curl
 * command that shows its summary. Ctrl-C stops everything it started.
 */
public final class LocalRunner {

    static final long DEMO_RUN = 1001;
    static final long EMPTY_RUN = 1002;
    static final int DEMO_ERRORS = 500;
    static final long DEMO_SEED = 42;
    static final String TOPIC = "error-events";

    public static void main(String[] args) throws Exception {
        Path work = Path.of("target", "local");
        Files.createDirectories(work);
        LocalInfrastructure infrastructure = LocalInfrastructure.start();
        LocalKeys keys = LocalKeys.generate(work.resolve("keys"));
        String topic = env("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC").orElse(TOPIC);
        infrastructure.createTopic(topic);
        infrastructure.createTopic(topic + ".dlq");

        int port = Integer.parseInt(env("QUARKUS_HTTP_PORT").orElse("8080"));
        // A person reads this console: plain log lines rather than production's JSON.
        ServiceProcess service = new ServiceProcess(infrastructure, keys, port,
                Map.of("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", topic,
                        "MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", topic + ".dlq",
                        "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"),
                ProcessBuilder.Redirect.INHERIT);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            infrastructure.close();
        }));
        service.start();

        HttpClient http = HttpClient.newHttpClient();
        // The demo run's errors happened over the last few minutes, one every 250 ms or so.
        Instant start = Instant.now().minus(DEMO_ERRORS / 4, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> demo = DemoEvents.run(DEMO_RUN, DEMO_ERRORS, DEMO_SEED, start);
        try (EventPublisher publisher = new EventPublisher(infrastructure.kafkaBootstrapServers(), topic)) {
            demo.forEach(publisher::send);
            publisher.send(Events.runCreated("run-" + EMPTY_RUN + "-created", EMPTY_RUN, Instant.now()));
            publisher.flush();
        }
        String token = keys.readerToken("local-user");
        String url = "http://localhost:" + port + "/api/v1/runs/" + DEMO_RUN + "/error-summary";
        awaitSummary(http, url, token);

        System.out.printf("""

                error-summary is running on http://localhost:%d with a demo run %d (%d errors) published to topic %s.
                Bearer token (1 hour, scope results:read):

                export TOKEN=%s

                curl -s -H "Authorization: Bearer $TOKEN" '%s?group_by=type&limit=5'

                Other views: group_by=sample_id|regression_id|category|severity, severity=info|warning|error|critical,
                run %d has no errors yet. Ctrl-C stops the service and everything started for it.

                """, port, DEMO_RUN, demo.size() - 1, topic, token, url, EMPTY_RUN);
        System.exit(service.waitFor());
    }

    /** Waits until the demo run's summary answers 200, that is until its first events are counted. */
    private static void awaitSummary(HttpClient http, String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)
                && http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            Thread.sleep(200);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
