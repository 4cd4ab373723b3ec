package org.ccextractor.sampleplatform.errorsummary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command's token command signs what it is asked for, with the keys the run wrote. */
class LocalTokenTest {

    @TempDir
    static Path keys;

    @BeforeAll
    static void generate() throws Exception {
        LocalKeys.generate(keys);
    }

    @Test
    void theSubjectScopeAndLifetimeAreThoseAskedFor() throws Exception {
        JwtClaims claims = verified(LocalToken.mint(List.of("--keys", keys.toString(), "--subject", "alice",
                "--scope", "openid results:write", "--lifetime", "90s")), keys);
        assertEquals("alice", claims.getSubject());
        assertEquals("openid results:write", claims.getStringClaimValue("scope"));
        assertEquals(90, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertEquals(LocalKeys.ISSUER, claims.getIssuer());
    }

    @Test
    void withoutOptionsItReadsSummariesForAnHour() throws Exception {
        JwtClaims claims = verified(LocalToken.mint(List.of("--keys", keys.toString())), keys);
        assertEquals("local-user", claims.getSubject());
        assertEquals(LocalKeys.SCOPE, claims.getStringClaimValue("scope"));
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void aNegativeLifetimeHasExpiredAndAnEmptyScopeIsNone() throws Exception {
        JwtClaims claims = verified(LocalToken.mint(List.of("--keys", keys.toString(), "--scope", "",
                "--lifetime", "-2m")), keys);
        assertTrue(claims.getExpirationTime().isBefore(NumericDate.now()));
        assertEquals(-120, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertFalse(claims.hasClaim("scope"));
    }

    @Test
    void whatItDoesNotUnderstandIsRefused() {
        for (List<String> wrong : List.of(List.of("--subject", "alice"), // no keys
                List.of("--keys", keys.toString(), "--lifetime", "60"),
                List.of("--keys", keys.toString(), "--lifetime", "1 hour"),
                List.of("--keys", keys.toString(), "--audience", "x"),
                List.of("--keys", keys.toString(), "--subject"))) {
            assertThrows(IllegalArgumentException.class, () -> LocalToken.mint(wrong), wrong::toString);
        }
    }

    /** The token's claims once its signature verified with the public keys in {@code keys}; times not checked. */
    static JwtClaims verified(String token, Path keys) throws Exception {
        JsonWebKeySet publicKeys = new JsonWebKeySet(LocalKeys.load(keys).publicKeysJson());
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(publicKeys.getJsonWebKeys()))
                .setSkipAllValidators()
                .build().processToClaims(token);
    }
}
