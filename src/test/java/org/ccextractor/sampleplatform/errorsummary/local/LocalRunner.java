package org.ccextractor.sampleplatform.errorsummary.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The README's run command: finds or starts Kafka and PostgreSQL (see {@link LocalInfrastructure}), starts
 * the packaged service against them, publishes demo runs through Kafka and prints what to try next: a token, a curl
 * of a run's summary and one comparing a pull request's run with its master baseline, a command that publishes an
 * event and one that mints other tokens ({@link #writeCommands}). Ctrl-C stops
 * everything it started; so do any failure, after which it exits with status 1, and the end of Maven, whose child it
 * is (kill, a closed terminal).
 * <p>
 * The service listens on 127.0.0.1 unless QUARKUS_HTTP_HOST says otherwise (its own default is every address), on
 * port 8080 unless QUARKUS_HTTP_PORT says otherwise; an embedded broker and PostgreSQL listen on loopback only.
 */
public final class LocalRunner {

    /** A complete run of master, and one of a pull request branched from its commit ({@link DemoEvents}). */
    static final long MASTER_RUN = 1001;
    static final long PULL_REQUEST_RUN = 1002;
    /** Created, no errors yet: the banner's by-hand event is one of its. */
    static final long EMPTY_RUN = 1003;
    static final int MASTER_ERRORS = 500;
    static final long DEMO_SEED = 42;
    static final String TOPIC = "error-events";
    static final String LOOPBACK = "127.0.0.1";
    /** Where a run writes its keys and the argument files of the commands it prints. */
    static final Path WORK = Path.of("target", "local");
    /** Kafka's own console producer (kafka-tools), as kafka-console-producer.sh runs it. */
    static final String CONSOLE_PRODUCER = "org.apache.kafka.tools.ConsoleProducer";

    /** The argument files {@link #writeCommands} wrote: {@code java @file ...} runs each. */
    record Commands(Path token, Path producer) {
    }

    private LocalRunner() {
    }

    public static void main(String[] args) {
        String host = env("QUARKUS_HTTP_HOST").orElse(LOOPBACK);
        int port = Integer.parseInt(env("QUARKUS_HTTP_PORT").orElse("8080"));
        // Checked before anything starts: the service would find the port taken only after Kafka and PostgreSQL.
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            say("The service cannot listen on " + host + ":" + port + " (" + e.getMessage() + "). Run it on a free port,"
                    + " e.g. QUARKUS_HTTP_PORT=18080 ./mvnw -Plocal package (QUARKUS_HTTP_HOST names the address)");
            System.exit(1);
        }
        Started started = new Started();
        // Ctrl-C (or kill) while it runs: the JVM runs this hook, which stops what was started.
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "local-run-stop"));
        // Maven stopped by itself (a signal to its process alone, a closed terminal) does not stop its exec child.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            say("The process that started this run (" + parent.pid() + ") has ended: stopping what it started.");
            System.exit(1);
        }));
        int status;
        try {
            status = run(host, port, started);
        } catch (Exception e) {
            e.printStackTrace();
            say("The local run failed: " + e.getMessage() + ". Stopping what it started.");
            status = 1;
        }
        // Stopped here, in order, before the JVM's exit; and an exit of its own, for the status, since threads of the
        // clients (or of Testcontainers) could keep the JVM alive.
        started.stop();
        System.exit(status);
    }

    /** Runs the service until it exits; its exit status. */
    private static int run(String host, int port, Started started) throws Exception {
        Files.createDirectories(WORK);
        LocalInfrastructure infrastructure = started.add(LocalInfrastructure.startOnLoopback(WORK.resolve("broker")));
        String topic = env("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC").orElse(TOPIC);
        infrastructure.createTopic(topic);
        infrastructure.createTopic(topic + ".dlq");
        Path keyDirectory = WORK.resolve("keys");
        LocalKeys keys = LocalKeys.generate(keyDirectory);

        // A person reads this console: plain log lines rather than production's JSON. On loopback unless asked: a
        // demo's service has no business on the network.
        ServiceProcess service = started.add(new ServiceProcess(infrastructure, keys, port,
                Map.of("QUARKUS_HTTP_HOST", host,
                        "MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", topic,
                        "MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", topic + ".dlq",
                        "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"),
                ProcessBuilder.Redirect.INHERIT));
        service.start();

        // The demo runs' errors happened over the last few minutes, one every 250 ms or so: master's run, then ten
        // seconds after it completed the pull request's, which ended ten seconds ago.
        Instant start = Instant.now().minus(2 * (MASTER_ERRORS / 4 + 10), ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> master = DemoEvents.masterRun(MASTER_RUN, MASTER_ERRORS, DEMO_SEED, start);
        List<ObjectNode> pullRequest = DemoEvents.pullRequestRun(master, PULL_REQUEST_RUN,
                start.plusSeconds(MASTER_ERRORS / 4 + 10));
        try (EventPublisher publisher = new EventPublisher(infrastructure.kafkaBootstrapServers(), topic)) {
            master.forEach(publisher::send);
            pullRequest.forEach(publisher::send);
            publisher.send(Events.runCreated("run-" + EMPTY_RUN + "-created", EMPTY_RUN, Instant.now()));
            publisher.flush();
        }
        Commands commands = writeCommands(WORK, keyDirectory, infrastructure.kafkaBootstrapServers(), topic);
        String token = keys.readerToken("local-user");
        String base = "http://" + (InetAddress.getByName(host).isAnyLocalAddress() ? LOOPBACK : host) + ":" + port;
        String url = base + "/api/v1/runs/" + MASTER_RUN + "/error-summary";
        String compareUrl = base + "/api/v1/runs/" + PULL_REQUEST_RUN + "/error-summary/compare";
        awaitSummary(url, token);
        awaitSummary(base + "/api/v1/runs/" + PULL_REQUEST_RUN + "/error-summary", token);
        System.out.println(banner(base, url, compareUrl, DemoEvents.errors(pullRequest), token, infrastructure, topic,
                commands));
        return service.waitFor();
    }

    /**
     * What to try next, with the real addresses: the summary, other views, the comparison, publishing an event, other
     * tokens.
     */
    private static String banner(String base, String url, String compareUrl, int pullRequestErrors, String token,
            LocalInfrastructure infrastructure, String topic, Commands commands) throws IOException {
        String java = ServiceProcess.java();
        String kafka = infrastructure.kafkaBootstrapServers();
        String event = Events.JSON.writeValueAsString(Events.error("by-hand-1", EMPTY_RUN, Instant.now().truncatedTo(
                ChronoUnit.MILLIS), "build", "error", null, null, null));
        return String.format("""

                error-summary is running on %s with demo runs %d (%s at %s, %d errors), %d (%s branched from
                %d's commit, %d errors), both complete on %s, and run %d (no errors yet).
                Kafka: %s, topic %s. PostgreSQL: %s.

                A token (RS256, scope results:read, 1 hour) and the master run's summary:

                  export TOKEN=%s
                  curl -s -H "Authorization: Bearer $TOKEN" '%s?group_by=type&limit=5'

                Other views: group_by=sample_id|regression_id|category|severity, severity=info|warning|error|critical.

                Run %d compared with its master baseline (baseline=auto: the complete run of its base_commit on its
                platform, run %d), each bucket new, changed, recurring or fixed:

                  curl -s -H "Authorization: Bearer $TOKEN" '%s?group_by=sample_id'

                Also: status=new,changed, baseline=<another run id>, and the summary's group_by, severity, limit, offset.

                Publish an error of run %d, one key|value line per record (Kafka's console producer; with kcat:
                kcat -P -b %s -t %s -K '|'), then ask for run %d's summary again (the same event_id counts once):

                  echo '%d|%s' | %s @%s

                Another token: a subject of your own, a scope without results:read (403), a lifetime that ran out (401:
                --lifetime -1m, or a short one; the service refuses a token shortly after its exp, its clock skew):

                  export TOKEN=$(%s @%s --subject alice --scope results:read --lifetime 60s)

                Ctrl-C stops the service and everything started for it.
                """, base, MASTER_RUN, DemoEvents.MASTER_BRANCH, DemoEvents.MASTER_COMMIT.substring(0, 7), MASTER_ERRORS,
                PULL_REQUEST_RUN, DemoEvents.PULL_REQUEST_BRANCH, MASTER_RUN, pullRequestErrors, DemoEvents.PLATFORM,
                EMPTY_RUN, kafka, topic, infrastructure.database().jdbcUrl(), token, url,
                PULL_REQUEST_RUN, MASTER_RUN, compareUrl,
                EMPTY_RUN, kafka, topic, EMPTY_RUN, EMPTY_RUN, event, java, commands.producer().toAbsolutePath(),
                java, commands.token().toAbsolutePath());
    }

    /**
     * Writes the Java argument files of the commands the banner prints into {@code directory}, for a machine with
     * nothing but a JDK: each holds this JVM's class path (the test class path: Kafka's tools and this project's
     * test classes), a main class and its fixed arguments, and {@code java @file} followed by more arguments runs it.
     * {@code token.args} runs {@link LocalToken} with the keys in {@code keys}; {@code producer.args} Kafka's console
     * producer on {@code topic}, reading {@code key|value} lines.
     */
    static Commands writeCommands(Path directory, Path keys, String bootstrapServers, String topic) throws IOException {
        Commands commands = new Commands(directory.resolve("token.args"), directory.resolve("producer.args"));
        writeArgumentFile(commands.token(), ServiceProcess.testClassPathArguments(List.of(LocalToken.class.getName(),
                "--keys", keys.toAbsolutePath().toString())));
        writeArgumentFile(commands.producer(), ServiceProcess.testClassPathArguments(List.of(CONSOLE_PRODUCER,
                "--bootstrap-server", bootstrapServers, "--topic", topic,
                "--property", "parse.key=true", "--property", "key.separator=|")));
        return commands;
    }

    /**
     * One argument a line, each quoted: the java launcher reads a backslash in quotes as an escape, so backslashes
     * and quotes are escaped and a path with spaces stays one argument.
     */
    private static void writeArgumentFile(Path file, List<String> arguments) throws IOException {
        Files.writeString(file, arguments.stream()
                .map(argument -> '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining("\n", "", "\n")));
    }

    /** Waits until a demo run's summary answers 200, that is until its first events are counted. */
    private static void awaitSummary(String url, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)
                && http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            Thread.sleep(200);
        }
    }

    /**
     * What a run started, stopped in the reverse order once: at its end, after a failure, or by Ctrl-C (a
     * shutdown hook). Whichever comes second finds nothing left to stop.
     */
    private static final class Started {
        private final Deque<AutoCloseable> running = new ArrayDeque<>();

        synchronized <T extends AutoCloseable> T add(T started) {
            running.push(started);
            return started;
        }

        synchronized void stop() {
            while (!running.isEmpty()) {
                AutoCloseable next = running.pop();
                try {
                    next.close();
                } catch (Exception e) {
                    say("Could not stop " + next + ": " + e);
                }
            }
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    private static void say(String line) {
        System.out.println("[local] " + line);
    }
}
