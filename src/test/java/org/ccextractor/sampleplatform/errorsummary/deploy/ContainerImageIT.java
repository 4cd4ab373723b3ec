package org.ccextractor.sampleplatform.errorsummary.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.local.FreePort;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.local.ServiceProcess;
import org.ccextractor.sampleplatform.errorsummary.testing.RawHttp;

/**
 * The JVM image without Docker: what src/main/docker/Dockerfile.jvm copies, laid out as its COPY lines say, its RUN
 * lines run (the AppCDS training start) with the image's paths inside that layout, then started as its ENV lines say
 * ({@code java $GC_CONTAINER_OPTIONS $JAVA_OPTS_APPEND -jar $JAVA_APP_JAR}, with MALLOC_ARENA_MAX), in the production
 * profile. It must start, pass its probes, answer a malformed request target with the contract's 400 (which needs
 * its main class), and log JSON lines that carry the run and event id of a dead-lettered event: a JVM that cannot
 * use the archive warns on the console, which fails that last check.
 */
@DisabledIfSystemProperty(named = "native.image.path", matches = ".+", disabledReason = "a native build makes no JVM layout")
class ContainerImageIT {

    static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    static final Path WORK = Path.of("target", "container-it");

    @Test
    void theJvmImagesFilesStartTheServiceWithJsonLogs() throws Exception {
        Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);
        Path root = Files.createDirectories(WORK.resolve("root-" + UUID.randomUUID()));
        for (List<String> copy : dockerfile.instructions("COPY")) {
            copy(copy.get(copy.size() - 2), inside(root, copy.get(copy.size() - 1)));
        }
        for (List<String> run : dockerfile.instructions("RUN")) {
            ProcessBuilder builder = new ProcessBuilder(run.stream().map(word -> inImage(root, word)).toList()).inheritIO();
            // The archive is only valid for the JVM that runs the service, this one.
            builder.environment().put("PATH", Path.of(ServiceProcess.java()).getParent() + ":" + System.getenv("PATH"));
            assertEquals(0, builder.start().waitFor(), "RUN " + run);
        }
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.java());
        command.addAll(List.of(dockerfile.env("GC_CONTAINER_OPTIONS").split(" +")));
        command.addAll(List.of(inImage(root, dockerfile.env("JAVA_OPTS_APPEND")).split(" +")));
        command.addAll(List.of("-jar", inside(root, dockerfile.env("JAVA_APP_JAR")).toString()));

        Path log = WORK.resolve("service.log");
        Files.deleteIfExists(log);
        String topic = "container-it-" + UUID.randomUUID();
        try (LocalInfrastructure infrastructure = LocalInfrastructure.shared()) {
            infrastructure.createTopic(topic);
            infrastructure.createTopic(topic + ".dlq");
            LocalKeys keys = LocalKeys.generate(WORK.resolve("keys"));
            Map<String, String> env = new HashMap<>(Map.of("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", topic,
                    "MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", topic + ".dlq",
                    "MALLOC_ARENA_MAX", dockerfile.env("MALLOC_ARENA_MAX")));
            try (ServiceProcess service = new ServiceProcess(command, infrastructure, keys.publicKeys(), FreePort.pick(),
                    env, ProcessBuilder.Redirect.to(log.toFile())).start()) {
                for (String probe : List.of("/q/health/started", "/q/health/live", "/q/health/ready")) {
                    assertEquals(200, service.status(probe), probe);
                }
                // Started by ErrorSummaryMain, the service checks request targets itself: the contract's 400.
                RawHttp.Response malformed = RawHttp.get(service.port(), "/api/v1/runs/7707/error-summary?limit=%zz", List.of());
                assertEquals(400, malformed.status(), malformed::toString);
                assertEquals("validation_error", malformed.json().path("code").asText(), malformed::toString);
                assertTrue(malformed.json().path("details").path("fields").has("limit"), malformed::toString);
                // Swagger UI is part of the production build (quarkus.swagger-ui.always-include).
                assertEquals(200, service.status("/q/swagger-ui/"), "/q/swagger-ui/");
                try (EventPublisher publisher = new EventPublisher(infrastructure.kafkaBootstrapServers(), topic)) {
                    publisher.send("4242", "{\"kind\":\"error\",\"event_id\":\"container-it-1\",\"run_id\":4242}"
                            .getBytes(StandardCharsets.UTF_8));
                    publisher.flush();
                }
                JsonNode deadLetter = await().atMost(Duration.ofSeconds(30))
                        .until(() -> jsonLines(log).stream().filter(l -> l.path("message").asText().startsWith("Dead-lettered"))
                                .findFirst(), line -> line.isPresent()).orElseThrow();
                assertEquals("4242", deadLetter.path("mdc").path("run_id").asText(), deadLetter::toString);
                assertEquals("container-it-1", deadLetter.path("mdc").path("event_id").asText(), deadLetter::toString);
            }
        }
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty());
        assertEquals(lines.size(), jsonLines(log).size(), "every log line is one JSON object");
    }

    /** A directory source ("dir/") copies its contents, a file pattern ("dir/*.jar") the files it matches. */
    private static void copy(String source, Path target) throws IOException {
        Files.createDirectories(target);
        Path from = Path.of(source);
        if (source.endsWith("/")) {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
            return;
        }
        int copied = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from.getParent(), from.getFileName().toString())) {
            for (Path file : files) {
                Files.copy(file, target.resolve(file.getFileName()));
                copied++;
            }
        }
        assertTrue(copied > 0, "COPY " + source + " matches no file");
    }

    private static Path inside(Path root, String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** The image's paths under /deployments in a word or an option string, moved inside the layout. */
    private static String inImage(Path root, String text) {
        return text.replace("/deployments/", root.toAbsolutePath().resolve("deployments") + "/")
                .replaceAll("/deployments$", root.toAbsolutePath().resolve("deployments").toString());
    }

    private static List<JsonNode> jsonLines(Path log) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            try {
                JsonNode node = Events.JSON.readTree(line);
                if (node != null && node.isObject()) {
                    lines.add(node);
                }
            } catch (IOException notJson) {
                // counted as missing
            }
        }
        return lines;
    }
}
