package org.ccextractor.sampleplatform.errorsummary.local;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Finds or starts the Kafka broker and the PostgreSQL server that tests and local runs use, in this
 * order: addresses configured in the environment, then Testcontainers when Docker works, then
 * embedded ones (Kafka's own broker code in KRaft mode, real PostgreSQL binaries from Maven Central).
 * Each is real; none is a mock.
 */
public final class LocalInfrastructure implements AutoCloseable {

    public static final int PARTITIONS = 4;

    private static LocalInfrastructure shared;
    private static LocalInfrastructure sharedOwner;

    private final String kafkaBootstrapServers;
    private final Database database;
    private final List<AutoCloseable> started;

    /** Where the service finds PostgreSQL. */
    public record Database(String jdbcUrl, String username, String password) {

        public String reactiveUrl() {
            return jdbcUrl.substring("jdbc:".length());
        }
    }

    private LocalInfrastructure(String kafkaBootstrapServers, Database database, List<AutoCloseable> started) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.database = database;
        this.started = started;
    }

    /** A broker and a database of the caller's own, found or started here; {@link #close} stops what was started. */
    public static LocalInfrastructure start() throws Exception {
        return start(env("KAFKA_BOOTSTRAP_SERVERS"), Map.of(), LocalInfrastructure::embeddedKafka);
    }

    /**
     * As {@link #start()}, for the run command, which a person leaves running on their machine: an embedded broker is
     * a {@link KafkaBrokerProcess} that listens on loopback only, with its settings, log and data in {@code directory}
     * (the in-JVM broker of Kafka's test kit, which the tests use, opens its ports on every address).
     */
    public static LocalInfrastructure startOnLoopback(Path directory) throws Exception {
        return start(env("KAFKA_BOOTSTRAP_SERVERS"), Map.of(), started -> kafkaProcess(started, directory));
    }

    /** Starts a broker, adds what is to be stopped to {@code started} and gives the broker's address. */
    private interface EmbeddedKafka {
        String start(List<AutoCloseable> started);
    }

    /**
     * This test JVM's broker and database: found or started at the first call and shared by its tests, stopped at the
     * end of the test session ({@link SharedInfrastructureSession}). Closing what this returns closes nothing.
     * <p>
     * Quarkus loads the test resources of each application it starts in a class loader of its own, with statics of
     * its own; so the system class loader's copy of this class holds them for the whole JVM. Held per Quarkus start,
     * they were never stopped: at the JVM's exit Kafka's test kit deleted a broker's log directory under the running
     * broker, whose log directory failure handler then halted the JVM with status 1, failing the build.
     */
    public static LocalInfrastructure shared() throws Exception {
        Class<?> jvmWide = ClassLoader.getSystemClassLoader().loadClass(LocalInfrastructure.class.getName());
        if (jvmWide == LocalInfrastructure.class) {
            return sharedHere();
        }
        // Started with the system class loader's classes throughout (Testcontainers looks its providers up in the
        // context class loader).
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(jvmWide.getClassLoader());
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> shared = (Map<String, String>) jvmWide.getMethod("sharedAddresses").invoke(null);
            return new LocalInfrastructure(shared.get(KAFKA), new Database(shared.get(JDBC_URL), shared.get(USERNAME),
                    shared.get(PASSWORD)), new ArrayList<>());
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static final String KAFKA = "kafka", JDBC_URL = "jdbc-url", USERNAME = "username", PASSWORD = "password";

    /** {@link #shared()}'s addresses, in types every class loader shares; called on the system class loader's copy. */
    public static Map<String, String> sharedAddresses() throws Exception {
        LocalInfrastructure shared = sharedHere();
        return Map.of(KAFKA, shared.kafkaBootstrapServers, JDBC_URL, shared.database.jdbcUrl(),
                USERNAME, shared.database.username(), PASSWORD, shared.database.password());
    }

    private static synchronized LocalInfrastructure sharedHere() throws Exception {
        if (shared == null) {
            sharedOwner = start();
            shared = new LocalInfrastructure(sharedOwner.kafkaBootstrapServers, sharedOwner.database, new ArrayList<>());
        }
        return shared;
    }

    /** Stops the shared broker and database, if they were started. */
    static synchronized void stopShared() {
        if (sharedOwner != null) {
            say("Stopping the shared Kafka broker and PostgreSQL server");
            sharedOwner.close();
            sharedOwner = null;
            shared = null;
        }
    }

    /** As {@link #start()}, with the caller's own broker (e.g. one it stops and starts again). */
    public static LocalInfrastructure startWithKafka(String bootstrapServers) throws Exception {
        return startWithKafka(bootstrapServers, Map.of());
    }

    /** As {@link #startWithKafka(String)}, with server settings for a PostgreSQL started here (not for a configured one). */
    public static LocalInfrastructure startWithKafka(String bootstrapServers, Map<String, String> postgresSettings)
            throws Exception {
        return start(Optional.of(bootstrapServers), postgresSettings, LocalInfrastructure::embeddedKafka);
    }

    private static LocalInfrastructure start(Optional<String> kafka, Map<String, String> postgresSettings,
            EmbeddedKafka embeddedKafka) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Optional<Database> database = env("QUARKUS_DATASOURCE_JDBC_URL").map(url -> new Database(url,
                    env("QUARKUS_DATASOURCE_USERNAME").orElse("postgres"),
                    env("QUARKUS_DATASOURCE_PASSWORD").orElse("postgres")));
            boolean docker = (kafka.isEmpty() || database.isEmpty()) && dockerWorks();
            String bootstrap = kafka.map(configured -> {
                say("Kafka: configured at " + configured);
                return configured;
            }).orElseGet(() -> docker ? kafkaContainer(started) : embeddedKafka.start(started));
            Database db = database.map(configured -> {
                say("PostgreSQL: configured at " + configured.jdbcUrl());
                return configured;
            }).orElseGet(() -> docker ? postgresContainer(started, postgresSettings)
                    : embeddedPostgres(started, postgresSettings));
            return new LocalInfrastructure(bootstrap, db, started);
        } catch (RuntimeException | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /** The same broker with another database; closing it closes nothing. */
    public LocalInfrastructure withDatabase(Database other) {
        return new LocalInfrastructure(kafkaBootstrapServers, other, new ArrayList<>());
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public Database database() {
        return database;
    }

    /** The settings that point the service at this infrastructure, in Quarkus property names. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "kafka.bootstrap.servers", kafkaBootstrapServers,
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password());
    }

    /** Values up to this size are accepted by the topics made here, so that oversized events reach the service. */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /** Creates the topic with {@link #PARTITIONS} partitions unless it exists. */
    public void createTopic(String topic) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers))) {
            admin.createTopics(Set.of(new NewTopic(topic, PARTITIONS, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES))))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                say("Could not stop " + resources.get(i) + ": " + e);
            }
        }
        resources.clear();
    }

    private static boolean dockerWorks() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String kafkaContainer(List<AutoCloseable> started) {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2");
        container.start();
        started.add(container::stop);
        say("Kafka: Testcontainers at " + container.getBootstrapServers());
        return container.getBootstrapServers();
    }

    private static Database postgresContainer(List<AutoCloseable> started, Map<String, String> settings) {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
        List<String> command = new ArrayList<>(List.of("postgres"));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        container.withCommand(command.toArray(String[]::new));
        container.start();
        started.add(container::stop);
        say("PostgreSQL: Testcontainers at " + container.getJdbcUrl());
        return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static String embeddedKafka(List<AutoCloseable> started) {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("num.partitions", String.valueOf(PARTITIONS))
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            started.add(cluster);
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            say("Kafka: embedded KRaft broker at " + cluster.bootstrapServers());
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker", e);
        }
    }

    private static String kafkaProcess(List<AutoCloseable> started, Path directory) {
        try {
            KafkaBrokerProcess broker = KafkaBrokerProcess.format(directory, FreePort.pick(), FreePort.pick());
            started.add(broker);
            broker.start();
            say("Kafka: embedded KRaft broker, a process of its own, at " + broker.bootstrapServers());
            return broker.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker: see " + directory, e);
        }
    }

    private static Database embeddedPostgres(List<AutoCloseable> started, Map<String, String> settings) {
        try {
            // On a port below the ephemeral range: the builder's own choice (a port that was free for a moment) lies
            // in it, where an outgoing connection may take it before PostgreSQL binds it.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(FreePort.pick());
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            started.add(postgres);
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            say("PostgreSQL: embedded server at " + url);
            return new Database(url, "postgres", "postgres");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL server", e);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    private static void say(String line) {
        System.out.println("[local] " + line);
    }
}
