package org.ccextractor.sampleplatform.errorsummary.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The Kubernetes manifests under deploy/kubernetes, read as they are applied, with the pieces tests look at. */
public final class Manifests {

    static final Path KUBERNETES = Path.of("deploy", "kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<JsonNode> documents;

    private Manifests(List<JsonNode> documents) {
        this.documents = documents;
    }

    /** Every document of every file; a document without a kind fails. */
    public static Manifests read() {
        List<JsonNode> documents = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(KUBERNETES, "*.yaml")) {
            for (Path file : files) {
                try (var parsed = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                    parsed.forEachRemaining(document -> {
                        if (document != null && !document.isEmpty()) {
                            assertFalse(document.path("kind").asText().isEmpty(), file + ": a document without kind");
                            documents.add(document);
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Manifests(documents);
    }

    /**
     * The environment the Deployment gives the service's container: its ConfigMap's entries, then its own env
     * entries, those from a Secret with the value written in secrets.yaml.
     */
    public Map<String, String> containerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        configMap().fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        for (JsonNode entry : container().path("env")) {
            JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
            env.put(entry.path("name").asText(), ref.isMissingNode() ? entry.path("value").asText()
                    : secret(ref.path("name").asText()).path("stringData").path(ref.path("key").asText()).asText());
        }
        return env;
    }

    List<JsonNode> all(String kind) {
        return documents.stream().filter(m -> m.path("kind").asText().equals(kind)).toList();
    }

    JsonNode only(String kind) {
        List<JsonNode> found = all(kind);
        assertEquals(1, found.size(), kind + " in " + KUBERNETES);
        return found.get(0);
    }

    JsonNode configMap() {
        return only("ConfigMap").path("data");
    }

    JsonNode deployment() {
        return only("Deployment");
    }

    JsonNode container() {
        JsonNode containers = deployment().path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    JsonNode secret(String name) {
        return all("Secret").stream().filter(s -> s.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Secret " + name + " in " + KUBERNETES));
    }

    String mountPath(String volume) {
        for (JsonNode mount : container().path("volumeMounts")) {
            if (mount.path("name").asText().equals(volume)) {
                return mount.path("mountPath").asText();
            }
        }
        throw new AssertionError("volume " + volume + " is not mounted");
    }
}
