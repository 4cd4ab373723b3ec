package org.ccextractor.sampleplatform.errorsummary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * The run command ({@link LocalRunner} as a process of its own on the test class path, as {@code ./mvnw -Plocal
 * package} runs it, with nothing of this JVM's Kafka, PostgreSQL or service settings): with its port taken it exits
 * at once, saying what to do; a failure after it started Kafka and PostgreSQL stops them before it exits; and the
 * commands its banner prints mint a token and publish an event with nothing but the JDK.
 */
class LocalRunnerIT {

    static final Path LOGS = Path.of("target", "local-runner-it");
    /** A JVM's start and a failed bind: no Kafka or PostgreSQL may be started first. */
    static final Duration PORT_TAKEN_BOUND = Duration.ofSeconds(30);
    /** Starting Kafka and PostgreSQL (unpacking PostgreSQL's binaries on a first run), then stopping them. */
    static final Duration FAILURE_BOUND = Duration.ofSeconds(180);
    /** The lines in which {@link LocalInfrastructure} reports what it started, with the address. */
    static final Pattern STARTED = Pattern.compile("\\[local] (?:Kafka|PostgreSQL): embedded .* at (?:jdbc:postgresql://)?"
            + "([^:/\\s]+):(\\d+)");

    /** A run's exit status, its output, and the addresses of the broker and database it reported starting. */
    record Run(int exit, String output, List<InetSocketAddress> started) {
    }

    @Test
    void withItsPortTakenItExitsAtOnceNamingQuarkusHttpPortAndStartsNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(FreePort.pick())) {
            Run run = run("port-taken", Map.of("QUARKUS_HTTP_PORT", Integer.toString(taken.getLocalPort())),
                    PORT_TAKEN_BOUND);
            assertNotEquals(0, run.exit(), run.output());
            assertTrue(run.output().lines().anyMatch(line -> line.startsWith("[local]") && line.contains("QUARKUS_HTTP_PORT=")),
                    run.output());
            assertEquals(List.of(), run.started(), run.output());
        }
    }

    @Test
    void aFailureAfterKafkaAndPostgresqlStartedStopsThemAndExitsNonZero() throws Exception {
        // A topic name the broker refuses: the run fails once Kafka and PostgreSQL are up, before it writes its keys.
        Run run = run("failure", Map.of("QUARKUS_HTTP_PORT", Integer.toString(FreePort.pick()),
                "MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", "not a topic name"), FAILURE_BOUND);
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("[local] The local run failed"), run.output());
        assertEquals(2, run.started().size(), "Kafka and PostgreSQL started: " + run.output());
        for (InetSocketAddress address : run.started()) {
            assertFalse(listening(address), address + " still answers after the run exited:\n" + run.output());
        }
    }

    @Test
    void theBannersCommandsMintATokenAndPublishAnEventWithNothingButTheJdk() throws Exception {
        Path directory = Files.createDirectories(LOGS.resolve("commands"));
        Path keys = directory.resolve("keys");
        LocalKeys.generate(keys);
        LocalInfrastructure infrastructure = LocalInfrastructure.shared();
        String topic = "local-runner-it-" + UUID.randomUUID();
        infrastructure.createTopic(topic);
        LocalRunner.Commands commands = LocalRunner.writeCommands(directory, keys, infrastructure.kafkaBootstrapServers(),
                topic);

        String token = java(commands.token(), List.of("--subject", "alice", "--scope", "results:read", "--lifetime", "60s"),
                "").trim();
        JwtClaims claims = LocalTokenTest.verified(token, keys);
        assertEquals("alice", claims.getSubject());
        assertEquals("results:read", claims.getStringClaimValue("scope"));
        assertEquals(60, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());

        String event = "{\"kind\":\"run_created\",\"event_id\":\"by-hand\",\"run_id\":1002,\"occurred_at\":\"2026-11-28T12:00:00Z\"}";
        java(commands.producer(), List.of(), "1002|" + event + "\n");
        assertEquals(List.of("1002 " + event), records(infrastructure.kafkaBootstrapServers(), topic, 1));
    }

    /**
     * Runs the run command with {@code env} in place of this JVM's Kafka, PostgreSQL, service and Quarkus settings,
     * for {@code bound} at most; a run still going then is stopped with SIGTERM (its shutdown hook stops what it
     * started) before the test fails.
     */
    private static Run run(String name, Map<String, String> env, Duration bound) throws Exception {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(ServiceProcess.onTestClassPath(List.of(LocalRunner.class.getName())))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("KAFKA_") || variable.startsWith("QUARKUS_")
                || variable.startsWith("MP_") || variable.startsWith("ERROR_SUMMARY_"));
        builder.environment().putAll(env);
        Instant started = Instant.now();
        Process process = builder.start();
        boolean exited = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        String output = Files.readString(log);
        assertTrue(exited, "still running after " + bound + ":\n" + output);
        System.out.printf("[local-runner-it] %s: exit %d after %d ms%n", name, process.exitValue(),
                Duration.between(started, Instant.now()).toMillis());
        List<InetSocketAddress> addresses = new ArrayList<>();
        Matcher matcher = STARTED.matcher(output);
        while (matcher.find()) {
            addresses.add(new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2))));
        }
        return new Run(process.exitValue(), output, addresses);
    }

    private static boolean listening(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** {@code java @argumentFile arguments} with {@code input} on its standard input: its standard output, once it exited 0. */
    private static String java(Path argumentFile, List<String> arguments, String input) throws Exception {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.java(), "@" + argumentFile));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " still running");
        assertEquals(0, process.exitValue(), command + ": " + output);
        return output;
    }

    /** The first {@code count} records of the topic, each as its key, a space and its value; fails after 30 s. */
    private static List<String> records(String bootstrapServers, String topic, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (records.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record.key() + " " + record.value());
                }
            }
            return records;
        }
    }
}
