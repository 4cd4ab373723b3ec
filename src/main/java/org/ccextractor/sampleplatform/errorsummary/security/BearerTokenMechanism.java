package org.ccextractor.sampleplatform.errorsummary.security;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * smallrye-jwt's authentication mechanism, with the token read as {@link BearerToken} reads it (one or more spaces
 * after the scheme, RFC 6750 section 2.1). Replaces JWTAuthMechanism as Quarkus documents it ("Security Tips and
 * Tricks", HttpAuthenticationMechanism customization): an alternative that delegates the challenge (401 with
 * {@code WWW-Authenticate: Bearer}) and the credential's transport to it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private final JWTAuthMechanism delegate;
    private final JWTAuthContextInfo jwt;

    public BearerTokenMechanism(JWTAuthMechanism delegate, JWTAuthContextInfo jwt) {
        this.delegate = delegate;
        this.jwt = jwt;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = BearerToken.of(jwt, context);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        // Which mechanism's challenge answers a failed authentication.
        context.put(HttpAuthenticationMechanism.class.getName(), this);
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new JsonWebTokenCredential(token)), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return delegate.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return delegate.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return delegate.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return delegate.getPriority();
    }
}
