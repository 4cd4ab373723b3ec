package org.ccextractor.sampleplatform.errorsummary.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The packaged service as its own process, pointed at local infrastructure: the fast-jar (target/quarkus-app), or
 * the native executable when a native build names it in the system property native.image.path (pom.xml, -Dnative).
 */
public final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The variables that point the service at this machine's infrastructure, port and key, set by the constructor. */
    public static final Set<String> MACHINE_SETTINGS = Set.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "QUARKUS_HTTP_PORT");
    /** What a process needs of its parent's environment to find its tools and temporary directory. */
    private static final Set<String> INHERITED = Set.of("PATH", "HOME", "TMPDIR", "LANG", "JAVA_HOME");

    private final List<String> command;
    private final Map<String, String> env;
    private final int port;
    private final ProcessBuilder.Redirect output;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    /**
     * @param extraEnv settings beyond the infrastructure and the keys, e.g. the topic
     * @param output where the service's log goes
     */
    public ServiceProcess(LocalInfrastructure infrastructure, LocalKeys keys, int port, Map<String, String> extraEnv,
            ProcessBuilder.Redirect output) {
        this(packaged(), infrastructure, keys.publicKeys(), port, extraEnv, output);
    }

    /**
     * The service with nothing of this JVM's environment but the JDK's own needs: the variables given here are
     * its whole configuration, as in its container.
     *
     * @param command what starts the service, e.g. {@link #packaged()} or {@code java -jar} of another copy of it
     * @param verificationKey the PEM or JWKS file for MP_JWT_VERIFY_PUBLICKEY_LOCATION
     */
    public ServiceProcess(List<String> command, LocalInfrastructure infrastructure, Path verificationKey, int port,
            Map<String, String> extraEnv, ProcessBuilder.Redirect output) {
        this.command = List.copyOf(command);
        Map<String, String> settings = new HashMap<>();
        settings.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        settings.put("QUARKUS_DATASOURCE_REACTIVE_URL", infrastructure.database().reactiveUrl());
        settings.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.database().jdbcUrl());
        settings.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.database().username());
        settings.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.database().password());
        settings.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", verificationKey.toAbsolutePath().toString());
        settings.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        settings.putAll(extraEnv);
        this.env = Map.copyOf(settings);
        this.port = port;
        this.output = output;
    }

    public int port() {
        return port;
    }

    /** Starts the service and waits until it reports ready. */
    public ServiceProcess start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(output);
        // Nothing of the test's own environment (a QUARKUS_PROFILE, a developer's settings) reaches the service.
        builder.environment().keySet().retainAll(INHERITED);
        builder.environment().putAll(env);
        process = builder.start();
        awaitReady(Duration.ofSeconds(120));
        return this;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, as a crashed node or an OOM-killed container: no shutdown hook, no last commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as Kubernetes stops a pod: the service leaves its consumer group cleanly. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** The java command of this JVM, so that the service runs on the same JDK as the tests. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The command of a JVM of its own on this one's class path (the test class path) and with its logging setup,
     * running {@code arguments} (a main class and its arguments, after any JVM options): for the tests' broker
     * and the benchmark's reference consumers.
     */
    public static List<String> onTestClassPath(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(testClassPathArguments(arguments));
        return command;
    }

    /** {@link #onTestClassPath} without the java command: its arguments, as a Java argument file holds them. */
    static List<String> testClassPathArguments(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        command.addAll(arguments);
        return command;
    }

    /** The packaged service's command: the fast-jar on this JVM, or the native executable of a native build. */
    public static List<String> packaged() {
        String nativeImage = System.getProperty("native.image.path");
        Path executable = nativeImage == null ? JAR : Path.of(nativeImage);
        if (!Files.exists(executable)) {
            throw new IllegalStateException(executable + " is missing: build with ./mvnw package first");
        }
        return nativeImage == null ? List.of(java(), "-jar", JAR.toString()) : List.of(nativeImage);
    }

    /** The HTTP status of a GET of {@code path}, e.g. {@code /q/health/ready}; a hang fails after 10 s. */
    public int status(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue());
            }
            try {
                if (status("/q/health/ready") == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The service was not ready after " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
