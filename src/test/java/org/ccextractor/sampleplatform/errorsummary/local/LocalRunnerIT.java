package org.ccextractor.sampleplatform.errorsummary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The run command ({@link LocalRunner} as a process of its own on the test class path, as {@code ./mvnw -Plocal
 * package} runs it, with nothing of this JVM's Kafka, PostgreSQL or service settings): with its port taken it exits
 * at once, saying what to do; a failure after it started Kafka and PostgreSQL stops them before it exits.
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
}
