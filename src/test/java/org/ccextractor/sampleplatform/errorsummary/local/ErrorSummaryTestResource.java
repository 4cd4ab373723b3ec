package org.ccextractor.sampleplatform.errorsummary.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The one place that decides where the tests' Kafka and PostgreSQL come from ({@link LocalInfrastructure}),
 * and that makes the tests' JWT keys. Each test JVM gets a topic of its own and (in the test profile) a
 * freshly migrated schema.
 */
public class ErrorSummaryTestResource implements QuarkusTestResourceLifecycleManager {

    /** Where tests find the key pairs: {@code LocalKeys.load(Path.of(value))}. */
    public static final String KEYS_DIR = "error-summary-test.keys-dir";

    private LocalInfrastructure infrastructure;

    @Override
    public Map<String, String> start() {
        try {
            infrastructure = LocalInfrastructure.shared();
            String topic = "error-events-" + UUID.randomUUID();
            infrastructure.createTopic(topic);
            infrastructure.createTopic(topic + ".dlq");
            Path keysDir = Files.createTempDirectory("error-summary-keys");
            LocalKeys keys = LocalKeys.generate(keysDir);
            Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig());
            config.put("mp.messaging.incoming.error-events.topic", topic);
            config.put("mp.messaging.outgoing.dead-letters.topic", topic + ".dlq");
            config.put("mp.jwt.verify.publickey.location", keys.publicKeys().toString());
            config.put(KEYS_DIR, keysDir.toString());
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("Could not provide Kafka and PostgreSQL for the tests", e);
        }
    }

    @Override
    public void stop() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }
}
