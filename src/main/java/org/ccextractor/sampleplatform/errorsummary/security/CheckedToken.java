package org.ccextractor.sampleplatform.errorsummary.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.ext.web.RoutingContext;

/**
 * The bearer token the rate-limit filter verified for a request, with the outcome: the verified token,
 * or why it was rejected. Kept in the request's RoutingContext so that authentication reuses it instead
 * of verifying the token a second time.
 */
record CheckedToken(String token, JsonWebToken verified, ParseException rejection) {

    private static final String KEY = CheckedToken.class.getName();

    void attachTo(RoutingContext context) {
        context.put(KEY, this);
    }

    /** The outcome for this request if the filter checked exactly {@code token}, else null. */
    static CheckedToken of(RoutingContext context, String token) {
        CheckedToken checked = context.get(KEY);
        return checked != null && checked.token().equals(token) ? checked : null;
    }
}
