package org.ccextractor.sampleplatform.errorsummary.security;

import java.util.regex.Pattern;

import io.smallrye.jwt.auth.AbstractBearerTokenExtractor;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * A request's bearer token as smallrye-jwt reads it, with its settings ({@code mp.jwt.token.header},
 * {@code mp.jwt.token.schemes}): the first Authorization header, a configured scheme in any case, and the rest of the
 * value; except that the scheme may be followed by one or more spaces, as RFC 6750 section 2.1 allows
 * ({@code "Bearer" 1*SP b64token}), where smallrye-jwt takes exactly one. A tab there stays part of the token, which
 * is then refused. The rate limit ({@link RateLimitFilter}) and authentication ({@link BearerTokenMechanism}) both
 * read the token through this class, so that they key, verify and authenticate the same text.
 */
final class BearerToken extends AbstractBearerTokenExtractor {

    /** The scheme, and the spaces after it that are more than the one smallrye-jwt expects. */
    private static final Pattern SCHEME_SPACES = Pattern.compile("^([^ ]+ ) +");

    private final RoutingContext context;

    private BearerToken(JWTAuthContextInfo jwt, RoutingContext context) {
        super(jwt);
        this.context = context;
    }

    /** The request's token, or null when it sends none. */
    static String of(JWTAuthContextInfo jwt, RoutingContext context) {
        return new BearerToken(jwt, context).getBearerToken();
    }

    /** Any header with a scheme: the schemes are configured, and a value with none has no spaces to collapse. */
    @Override
    protected String getHeaderValue(String name) {
        String value = context.request().getHeader(name);
        return value == null ? null : SCHEME_SPACES.matcher(value).replaceFirst("$1");
    }

    @Override
    protected String getCookieValue(String name) {
        Cookie cookie = context.request().getCookie(name);
        return cookie == null ? null : cookie.getValue();
    }
}
