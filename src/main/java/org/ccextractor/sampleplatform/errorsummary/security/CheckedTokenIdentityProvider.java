package org.ccextractor.sampleplatform.errorsummary.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a bearer token from the outcome of the rate-limit filter's verification of the same
 * request ({@link CheckedToken}), so that a token is verified once per request. It runs before
 * smallrye-jwt's own provider (MpJwtValidator), which still verifies any token the filter
 * did not check; the identity is built as MpJwtValidator builds it (Quarkus 3.33), and the scope
 * augmentor runs on it as on any other.
 */
@ApplicationScoped
public class CheckedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before the providers of default priority, smallrye-jwt's among them. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        CheckedToken checked = routing != null && request.getToken() instanceof JsonWebTokenCredential
                ? CheckedToken.of(routing, request.getToken().getToken())
                : null;
        if (checked == null) {
            return Uni.createFrom().nullItem();
        }
        if (checked.rejection() != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(checked.rejection()));
        }
        JsonWebToken token = checked.verified();
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredential(request.getToken())
                .addRoles(token.getGroups())
                .addAttribute(SecurityIdentity.USER_ATTRIBUTE, token)
                .addAttribute(RoutingContext.class.getName(), routing)
                .build());
    }
}
