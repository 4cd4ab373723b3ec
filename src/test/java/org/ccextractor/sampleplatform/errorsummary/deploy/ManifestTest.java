package org.ccextractor.sampleplatform.errorsummary.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;
import io.smallrye.config.EnvConfigSource;

import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * Every manifest under deploy/kubernetes and docker-compose.yml agrees with the code: the port, the probe and
 * metrics paths (which must answer in the running service), every environment variable (each must set a
 * property the service has), the topics and their partitions, the selectors, the Secrets and ConfigMap they
 * name, and the security settings; and compose runs the service with the same variables as the Deployment.
 */
@ServiceTest
class ManifestTest {

    static final Path COMPOSE = Path.of("docker-compose.yml");
    static final Path PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    static final Path DOCKER = Path.of("src", "main", "docker");

    final Manifests manifests = Manifests.read();
    final JsonNode compose = read(COMPOSE);
    final Properties defaults = defaults();

    @Test
    void theContainerPortIsTheServicesAndEveryProbeAndScrapePathAnswers() {
        String port = defaults.getProperty("quarkus.http.port");
        JsonNode container = manifests.container();
        assertEquals(port, container.path("ports").get(0).path("containerPort").asText());
        assertEquals("http", container.path("ports").get(0).path("name").asText());
        assertEquals(port, manifests.configMap().path("QUARKUS_HTTP_PORT").asText());
        assertEquals("http", manifests.only("Service").path("spec").path("ports").get(0).path("targetPort").asText());
        assertTrue(composeService().path("ports").get(0).asText().endsWith(":" + port), "compose publishes the port");

        for (String[] probe : new String[][] { { "startupProbe", "/q/health/started" }, { "livenessProbe", "/q/health/live" },
                { "readinessProbe", "/q/health/ready" } }) {
            JsonNode get = container.path(probe[0]).path("httpGet");
            assertEquals(probe[1], get.path("path").asText(), probe[0]);
            assertEquals("http", get.path("port").asText(), probe[0]);
            RestAssured.get(get.path("path").asText()).then().statusCode(200);
        }
        JsonNode annotations = manifests.deployment().path("spec").path("template").path("metadata").path("annotations");
        assertEquals(port, annotations.path("prometheus.io/port").asText());
        RestAssured.get(annotations.path("prometheus.io/path").asText()).then().statusCode(200);

        for (Path dockerfile : List.of(DOCKER.resolve("Dockerfile.jvm"), DOCKER.resolve("Dockerfile.native-micro"))) {
            assertEquals(List.of(port), dockerfile(dockerfile).only("EXPOSE"), dockerfile + " EXPOSE");
        }
    }

    /** A misspelt name is silently ignored by the service: each one must be the variable of a property it has. */
    @Test
    void everyVariableSetsAPropertyOfTheService() {
        Set<String> known = knownVariables();
        for (String name : deploymentVariables()) {
            assertTrue(known.contains(name), () -> name + " (deploy/kubernetes) sets no property of the service");
        }
        for (String name : fieldNames(composeService().path("environment"))) {
            assertTrue(known.contains(name), () -> name + " (docker-compose.yml) sets no property of the service");
        }
    }

    @Test
    void composeRunsTheServiceWithTheDeploymentsVariables() {
        assertEquals(deploymentVariables(), new TreeSet<>(fieldNames(composeService().path("environment"))));
        assertEquals("src/main/docker/Dockerfile.jvm", composeService().path("build").path("dockerfile").asText());
    }

    @Test
    void theTopicsAreTheChannelsAndHaveOnePartitionCount() {
        Set<String> channels = Set.of(defaults.getProperty("mp.messaging.incoming.error-events.topic"),
                defaults.getProperty("mp.messaging.outgoing.dead-letters.topic"));
        List<JsonNode> topics = manifests.all("KafkaTopic");
        assertEquals(channels, names(topics));
        assertEquals(defaults.getProperty("mp.messaging.incoming.error-events.topic"),
                manifests.configMap().path("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC").asText());
        assertEquals(defaults.getProperty("mp.messaging.outgoing.dead-letters.topic"),
                manifests.configMap().path("MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC").asText());
        assertEquals(manifests.configMap().path("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC").asText(),
                composeService().path("environment").path("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC").asText());
        assertEquals(manifests.configMap().path("MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC").asText(),
                composeService().path("environment").path("MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC").asText());

        Set<Integer> partitions = new HashSet<>();
        topics.forEach(topic -> partitions.add(topic.path("spec").path("partitions").asInt()));
        assertEquals(1, partitions.size(), "one partition count for both topics");
        int count = partitions.iterator().next();
        JsonNode init = compose.path("services").path("kafka-init").path("environment");
        assertEquals(channels, Set.of(init.path("TOPICS").asText().split(" ")), "topics compose creates");
        assertEquals(count, init.path("PARTITIONS").asInt(), "partitions compose creates");
        assertEquals(count, compose.path("services").path("kafka").path("environment").path("KAFKA_NUM_PARTITIONS").asInt());
        // A replica beyond the partition count would consume nothing.
        assertTrue(manifests.only("HorizontalPodAutoscaler").path("spec").path("maxReplicas").asInt() <= count, "maxReplicas <= partitions");
    }

    @Test
    void selectorsSecretsAndConfigMapMatch() {
        JsonNode labels = manifests.deployment().path("spec").path("template").path("metadata").path("labels");
        JsonNode selector = manifests.deployment().path("spec").path("selector").path("matchLabels");
        assertMatches(selector, labels, "Deployment");
        assertMatches(manifests.only("Service").path("spec").path("selector"), labels, "Service");
        assertMatches(manifests.only("PodDisruptionBudget").path("spec").path("selector").path("matchLabels"), labels, "PodDisruptionBudget");
        JsonNode target = manifests.only("HorizontalPodAutoscaler").path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText());
        assertEquals(manifests.deployment().path("metadata").path("name").asText(), target.path("name").asText());
        assertTrue(manifests.only("HorizontalPodAutoscaler").path("spec").path("minReplicas").asInt() >= 2,
                "two replicas at least, so that the disruption budget lets a node drain");
        assertTrue(manifests.deployment().path("spec").path("replicas").isMissingNode(), "the autoscaler owns the replica count");

        JsonNode container = manifests.container();
        assertEquals(names(manifests.all("ConfigMap")), Set.of(container.path("envFrom").get(0).path("configMapRef").path("name").asText()));
        for (JsonNode env : container.path("env")) {
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            assertTrue(manifests.secret(ref.path("name").asText()).path("stringData").has(ref.path("key").asText()), env::toString);
        }
        for (JsonNode volume : manifests.deployment().path("spec").path("template").path("spec").path("volumes")) {
            if (volume.has("secret")) {
                JsonNode secret = manifests.secret(volume.path("secret").path("secretName").asText());
                String mount = manifests.mountPath(volume.path("name").asText());
                String file = manifests.configMap().path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText();
                assertTrue(file.startsWith(mount + "/") && secret.path("stringData").has(file.substring(mount.length() + 1)),
                        "the key file " + file + " is in the mounted Secret");
            }
        }
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootWithoutPrivilegeEscalationAndWithLimits() throws IOException {
        JsonNode pod = manifests.deployment().path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        JsonNode container = manifests.container();
        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", security.path("capabilities").path("drop").get(0).asText());
        String tmp = null;
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("emptyDir")) {
                tmp = manifests.mountPath(volume.path("name").asText());
            }
        }
        assertEquals("/tmp", tmp, "a writable /tmp on the read-only root");
        JsonNode resources = container.path("resources");
        for (String path : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
            assertFalse(resources.at(path).asText().isEmpty(), "resources" + path);
        }
        // runAsNonRoot only works with a numeric user in the image.
        try (DirectoryStream<Path> dockerfiles = Files.newDirectoryStream(DOCKER, "Dockerfile.*")) {
            for (Path file : dockerfiles) {
                String user = dockerfile(file).only("USER").get(0);
                assertTrue(user.matches("[0-9]+"), file + " USER " + user + " is numeric");
                assertNotEquals("0", user, file + " USER");
            }
        }
    }

    private static void assertMatches(JsonNode selector, JsonNode labels, String what) {
        assertFalse(selector.isEmpty(), what + " selector");
        selector.fields().forEachRemaining(e -> assertEquals(e.getValue(), labels.path(e.getKey()), what + " selects " + e.getKey()));
    }

    /** The variables the Deployment gives the service: its ConfigMap's and its own env entries. */
    private TreeSet<String> deploymentVariables() {
        return new TreeSet<>(manifests.containerEnvironment().keySet());
    }

    /**
     * The environment variable of every property the service knows (its own files, the extensions' defaults,
     * the test resource), by SmallRye Config's rule: each character that is not a letter or digit becomes '_'.
     * Variables that are set in this environment are left out, or each would vouch for itself.
     */
    private static Set<String> knownVariables() {
        Set<String> variables = new HashSet<>();
        for (ConfigSource source : ConfigProvider.getConfig().getConfigSources()) {
            if (source instanceof EnvConfigSource) {
                continue;
            }
            for (String name : source.getPropertyNames()) {
                String property = name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
                variables.add(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
            }
        }
        return variables;
    }

    private JsonNode composeService() {
        return compose.path("services").path("error-summary");
    }

    private static Set<String> names(List<JsonNode> resources) {
        Set<String> names = new TreeSet<>();
        resources.forEach(r -> names.add(r.path("metadata").path("name").asText()));
        return names;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read(Path file) {
        try {
            return Manifests.YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dockerfile dockerfile(Path file) {
        try {
            return Dockerfile.read(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** application.properties as written; read outside any profile, its values are the production ones. */
    private static Properties defaults() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
