package org.ccextractor.sampleplatform.errorsummary.security;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Counts the full verifications of bearer tokens in the tests' application: every one goes through the
 * JWTParser bean, whether the rate-limit filter's cache or smallrye-jwt's own provider asks for it.
 */
@Decorator
@Priority(1)
abstract class CountingJwtParser implements JWTParser {

    private static final AtomicLong VERIFICATIONS = new AtomicLong();

    @Inject
    @Delegate
    JWTParser delegate;

    static long verifications() {
        return VERIFICATIONS.get();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        VERIFICATIONS.incrementAndGet();
        return delegate.parse(token);
    }
}
