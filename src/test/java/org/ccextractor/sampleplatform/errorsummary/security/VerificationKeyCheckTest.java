package org.ccextractor.sampleplatform.errorsummary.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Without a verification key the service must not start, and must say which setting to give. */
class VerificationKeyCheckTest {

    @Test
    void startUpFailsWithoutAKeyAndNamesTheSetting() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new VerificationKeyCheck().onStart(null, config(Map.of())));
        assertTrue(failure.getMessage().contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), failure.getMessage());
    }

    @Test
    void aKeyLocationOrAnInlineKeyIsEnough() {
        assertDoesNotThrow(() -> new VerificationKeyCheck().onStart(null,
                config(Map.of("mp.jwt.verify.publickey.location", "/keys/jwt-public.pem"))));
        assertDoesNotThrow(() -> new VerificationKeyCheck().onStart(null,
                config(Map.of("mp.jwt.verify.publickey", "{\"keys\":[]}"))));
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }
}
