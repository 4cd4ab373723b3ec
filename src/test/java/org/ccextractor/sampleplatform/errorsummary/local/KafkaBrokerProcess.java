package org.ccextractor.sampleplatform.errorsummary.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;

/**
 * A single-node KRaft broker (Kafka's own {@code kafka.Kafka}) as a process of its own, run from the test class
 * path, on ports the caller chooses and with a log directory that outlives the
 * process: stopped and started again, it is back at the same address with its topics, records and consumer groups,
 * as a broker restarted by an operator is. The embedded broker of {@link LocalInfrastructure} cannot do that, and
 * shares the JVM of its caller (the benchmark measures processes apart from the broker).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    static final Path SETTINGS_TEMPLATE = Path.of("src", "test", "resources", "kafka-broker", "server.properties.template");
    /** Any fixed id will do: every instance formats a log directory of its own. */
    static final String CLUSTER_ID = "4qWCt0BTRgSB0cyM3VxSaA";

    private final Path data;
    private final Path settings;
    private final int port;
    private final ProcessBuilder.Redirect output;
    private Process process;

    private KafkaBrokerProcess(Path data, Path settings, int port, ProcessBuilder.Redirect output) {
        this.data = data;
        this.settings = settings;
        this.port = port;
        this.output = output;
    }

    /**
     * Writes the broker's settings and its log into {@code directory} and formats an empty log directory (a
     * temporary one, removed by {@link #close}); the broker is not running yet.
     */
    public static KafkaBrokerProcess format(Path directory, int port, int controllerPort)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path data = Files.createTempDirectory("error-summary-kafka");
        Path settings = directory.resolve("server.properties");
        Files.writeString(settings, Files.readString(SETTINGS_TEMPLATE)
                .replace("@LOG_DIR@", data.toAbsolutePath().toString())
                .replace("@KAFKA_PORT@", Integer.toString(port))
                .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort)));
        ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(directory.resolve("broker.log").toFile());
        KafkaBrokerProcess broker = new KafkaBrokerProcess(data, settings, port, output);
        int exit = broker.java(List.of("kafka.tools.StorageTool", "format", "--standalone", "-t", CLUSTER_ID,
                "-c", settings.toString())).waitFor();
        if (exit != 0) {
            throw new IllegalStateException("Formatting the broker's storage failed with " + exit + ": see " + directory);
        }
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it answers a client. */
    public KafkaBrokerProcess start() throws IOException, InterruptedException {
        // The template's log cleaner buffer is sized for this heap.
        process = java(List.of("-Xmx256m", "kafka.Kafka", settings.toString()));
        awaitAnswer(Duration.ofSeconds(60));
        return this;
    }

    /** SIGTERM, as an operator stops a broker: it shuts down in order, and every client loses its connections. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
        Utils.delete(data.toFile());
    }

    /** A JVM on this one's class path: the broker's jars are test dependencies, and so is its logging setup. */
    private Process java(List<String> arguments) throws IOException {
        return new ProcessBuilder(ServiceProcess.onTestClassPath(arguments)).redirectErrorStream(true).redirectOutput(output).start();
    }

    private void awaitAnswer(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The broker exited with " + process.exitValue() + ": see " + settings.getParent());
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    Thread.sleep(200);
                }
            }
        }
        throw new IllegalStateException("The broker did not answer within " + timeout);
    }
}
