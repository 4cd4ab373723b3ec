package org.ccextractor.sampleplatform.errorsummary.security;

import jakarta.enterprise.context.ApplicationScoped;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Grants each entry of the token's space-separated OAuth {@code scope} claim as a role, so that a
 * scope authorizes like a {@code groups} entry (which smallrye-jwt already maps to roles).
 */
@ApplicationScoped
public class ScopeRolesAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        String scope = identity.getPrincipal() instanceof JsonWebToken token ? scopeOf(token) : "";
        if (scope.isBlank()) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        for (String granted : scope.trim().split("\\s+")) {
            builder.addRole(granted);
        }
        return Uni.createFrom().item(builder.build());
    }

    private static String scopeOf(JsonWebToken token) {
        Object claim = token.getClaim("scope");
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : "";
    }
}
