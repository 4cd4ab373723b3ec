package org.ccextractor.sampleplatform.errorsummary.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** Which algorithms a key is decoded for, and what start-up refuses; the service's real starts are in VerificationKeyIT. */
class VerificationKeyTest {

    static final Set<SignatureAlgorithm> CONFIGURED = Set.of(SignatureAlgorithm.ES256, SignatureAlgorithm.RS256);

    @Test
    void aPemKeyKeepsOnlyTheAlgorithmsOfItsKeyType() throws Exception {
        assertEquals(List.of(SignatureAlgorithm.RS256),
                List.copyOf(VerificationKey.algorithmsFor(Optional.of(pem(publicKey("RSA", null))), CONFIGURED)));
        assertEquals(List.of(SignatureAlgorithm.ES256), List.copyOf(VerificationKey.algorithmsFor(
                Optional.of(pem(publicKey("EC", new ECGenParameterSpec("secp256r1")))), CONFIGURED)));
    }

    @Test
    void anythingElseKeepsEveryAlgorithmInDeclarationOrder() {
        assertEquals(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256),
                List.copyOf(VerificationKey.algorithmsFor(Optional.of("{\"keys\":[]}"), CONFIGURED)));
        assertEquals(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256),
                List.copyOf(VerificationKey.algorithmsFor(Optional.empty(), CONFIGURED)));
    }

    @Test
    void startUpFailsWithoutAKeyAndNamesTheSetting() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new VerificationKey().check(null, config(Map.of()), () -> null));
        assertTrue(failure.getMessage().contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), failure.getMessage());
    }

    @Test
    void startUpFailsWithAFileThatHoldsNoKey(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("jwt-public.pem"), "not a key\n");
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new VerificationKey().check(null, config(Map.of("mp.jwt.verify.publickey.location", file.toString())),
                        () -> settings(file)));
        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
    }

    @Test
    void startUpAcceptsAPemKey(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("jwt-public.pem"), pem(publicKey("RSA", null)));
        assertDoesNotThrow(() -> new VerificationKey().check(null,
                config(Map.of("mp.jwt.verify.publickey.location", file.toString())), () -> settings(file)));
    }

    @Test
    void startUpDoesNotFetchAKeyUrlSoAnIdentityProviderThatIsDownStopsNothing() {
        // Port 9 (discard) refuses connections here: fetching would fail.
        String url = "http://127.0.0.1:9/.well-known/jwks.json";
        assertDoesNotThrow(() -> new VerificationKey().check(null,
                config(Map.of("mp.jwt.verify.publickey.location", url)), () -> settings(url)));
    }

    @Test
    void startUpFailsWithAKeyLocationThatIsNoUrl() {
        String url = "https://idp example/jwks.json";
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> new VerificationKey().check(null,
                config(Map.of("mp.jwt.verify.publickey.location", url)), () -> settings(url)));
        assertTrue(failure.getMessage().contains(url), failure.getMessage());
    }

    private static JWTAuthContextInfo settings(Path key) {
        return settings(key.toString());
    }

    private static JWTAuthContextInfo settings(String key) {
        JWTAuthContextInfo settings = new JWTAuthContextInfo(key, "issuer");
        settings.setSignatureAlgorithm(VerificationKey.algorithmsFor(Optional.empty(), CONFIGURED));
        return settings;
    }

    private static PublicKey publicKey(String algorithm, ECGenParameterSpec curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curve != null) {
            generator.initialize(curve);
        }
        return generator.generateKeyPair().getPublic();
    }

    /** As {@code openssl pkey -pubout} writes it. */
    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }
}
