package org.ccextractor.sampleplatform.errorsummary.security;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * The service has no built-in key: it refuses to start until it is told which key verifies tokens,
 * rather than starting and answering every request with 401.
 */
public class VerificationKeyCheck {

    void onStart(@Observes StartupEvent event, Config config) {
        boolean keyGiven = config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent();
        if (!keyGiven) {
            throw new IllegalStateException("No JWT verification key is configured: set MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                    + "(mp.jwt.verify.publickey.location) to a PEM or JWKS file or URL, or MP_JWT_VERIFY_PUBLICKEY to the key itself.");
        }
    }
}
