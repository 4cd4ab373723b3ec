package org.ccextractor.sampleplatform.errorsummary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * Every Quarkus start of the test JVM uses the one broker and database that the system class loader's
 * LocalInfrastructure holds and the test session stops: Quarkus loads this test in a class loader of its own.
 */
@ServiceTest
class SharedInfrastructureTest {

    @Test
    void theServiceUsesTheBrokerAndDatabaseHeldForTheWholeJvm() throws Exception {
        Class<?> jvmWide = ClassLoader.getSystemClassLoader().loadClass(LocalInfrastructure.class.getName());
        assertNotSame(jvmWide, LocalInfrastructure.class, "Quarkus' own class loader");

        @SuppressWarnings("unchecked")
        Map<String, String> shared = (Map<String, String>) jvmWide.getMethod("sharedAddresses").invoke(null);
        assertEquals(shared.get("kafka"), ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        assertEquals(shared.get("jdbc-url"), ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }
}
