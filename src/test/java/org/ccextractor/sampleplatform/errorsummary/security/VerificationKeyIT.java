package org.ccextractor.sampleplatform.errorsummary.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.deploy.Manifests;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.local.FreePort;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.local.ServiceProcess;

/**
 * The packaged service, started as deploy/kubernetes starts it (production profile, the Deployment's environment
 * and nothing else; only addresses, port, topic names and the key file's path are this machine's), verifies tokens
 * signed with keys that openssl made, given as a PEM public key (RSA or EC) or as a JWKS, with and without
 * {@code kid}: on every start. Each start adds an unrelated variable, as people do, which must change nothing
 * (it used to decide which key type smallrye-jwt decoded a PEM key as, see {@link VerificationKey}).
 */
class VerificationKeyIT {

    static final Path WORK = Path.of("target", "verification-key-it");
    /** A run id no test uses: an authenticated request for it is answered 404, an unauthenticated one 401. */
    static final long UNKNOWN_RUN = Long.MAX_VALUE - 11;

    static LocalInfrastructure infrastructure;
    static KeyPair rsa;
    static KeyPair ec;
    static Path rsaJwks;
    static Path bothJwks;
    final HttpClient http = HttpClient.newHttpClient();

    /** A key pair that openssl made: the private key signs here, the public key file goes to the service. */
    record KeyPair(String name, PrivateKey privateKey, Path publicPem, PublicKey publicKey, String algorithm) {

        static KeyPair openssl(String name, String algorithm, String... genpkeyOptions) throws Exception {
            Path privatePem = WORK.resolve(name + "-private.pem");
            Path publicPem = WORK.resolve(name + "-public.pem");
            List<String> genpkey = new ArrayList<>(List.of("openssl", "genpkey", "-out", privatePem.toString()));
            genpkey.addAll(List.of(genpkeyOptions));
            run(genpkey);
            run(List.of("openssl", "pkey", "-in", privatePem.toString(), "-pubout", "-out", publicPem.toString()));
            KeyFactory factory = KeyFactory.getInstance(algorithm.startsWith("ES") ? "EC" : "RSA");
            return new KeyPair(name, factory.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem))), publicPem,
                    factory.generatePublic(new X509EncodedKeySpec(der(publicPem))), algorithm);
        }

        String token(String keyId) {
            return LocalKeys.sign(LocalKeys.claims("verification-key-it", 600, LocalKeys.SCOPE), algorithm, keyId, privateKey);
        }
    }

    /** A file the service is given as MP_JWT_VERIFY_PUBLICKEY_LOCATION, and the keys whose tokens it must accept. */
    enum KeySource {
        RSA_PEM, EC_PEM, RSA_JWKS, JWKS_OF_BOTH;

        Path file() {
            return switch (this) {
                case RSA_PEM -> rsa.publicPem();
                case EC_PEM -> ec.publicPem();
                case RSA_JWKS -> rsaJwks;
                case JWKS_OF_BOTH -> bothJwks;
            };
        }

        List<KeyPair> signers() {
            return switch (this) {
                case RSA_PEM, RSA_JWKS -> List.of(rsa);
                case EC_PEM -> List.of(ec);
                case JWKS_OF_BOTH -> List.of(rsa, ec);
            };
        }
    }

    @BeforeAll
    static void keys() throws Exception {
        Files.createDirectories(WORK);
        rsa = KeyPair.openssl("rsa", AlgorithmIdentifiers.RSA_USING_SHA256, "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
        ec = KeyPair.openssl("ec", AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "-algorithm", "EC", "-pkeyopt",
                "ec_paramgen_curve:P-256");
        rsaJwks = jwks("rsa-jwks.json", rsa);
        bothJwks = jwks("jwks.json", rsa, ec);
        infrastructure = LocalInfrastructure.shared();
    }

    @AfterAll
    static void stop() {
        infrastructure.close();
    }

    static Stream<Arguments> starts() {
        return Stream.of(
                Arguments.of(KeySource.RSA_PEM, 0), Arguments.of(KeySource.RSA_PEM, 1), Arguments.of(KeySource.RSA_PEM, 2),
                Arguments.of(KeySource.EC_PEM, 0), Arguments.of(KeySource.EC_PEM, 1),
                Arguments.of(KeySource.RSA_JWKS, 0), Arguments.of(KeySource.JWKS_OF_BOTH, 1));
    }

    /**
     * A token with a {@code kid} is verified with that key; one without, with the only key there is. Against a JWKS
     * of several keys a token without {@code kid} names no key and is refused (smallrye-jwt does not guess).
     */
    @ParameterizedTest(name = "{0}, start {1}")
    @MethodSource("starts")
    void everyStartVerifiesTokensSignedWithTheKeyWithAndWithoutKid(KeySource key, int start) throws Exception {
        String topic = "verification-key-it-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>(Manifests.read().containerEnvironment());
        env.keySet().removeAll(ServiceProcess.MACHINE_SETTINGS);
        env.put("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", topic);
        env.put("MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", topic + ".dlq");
        if (start > 0) {
            env.put("QUARKUS_LOG_CATEGORY__UNRELATED_" + start + "__LEVEL", "INFO");
        }
        Path log = WORK.resolve(key + "-" + start + ".log");
        try (ServiceProcess service = new ServiceProcess(ServiceProcess.packaged(), infrastructure, key.file(),
                FreePort.pick(), env, ProcessBuilder.Redirect.to(log.toFile())).start()) {
            for (KeyPair signer : key.signers()) {
                for (String keyId : new String[] { signer.name(), null }) {
                    boolean named = keyId != null || key.signers().size() == 1;
                    HttpResponse<String> response = get(service, signer.token(keyId));
                    assertEquals(named ? 404 : 401, response.statusCode(),
                            () -> signer.algorithm() + " token, kid " + keyId + ": " + response.body() + " (log " + log + ")");
                    JsonNode body = Events.JSON.readTree(response.body());
                    assertEquals(named ? "not_found" : "unauthorized", body.path("code").asText(), response::body);
                }
            }
            String foreign = LocalKeys.sign(LocalKeys.claims("verification-key-it", 600, LocalKeys.SCOPE),
                    AlgorithmIdentifiers.RSA_USING_SHA256, null, LocalKeys.foreignRsaKey());
            assertEquals(401, get(service, foreign).statusCode(), "a token of another key");
        }
    }

    /** The public keys as a JWKS file, each with its pair's name as kid. */
    private static Path jwks(String file, KeyPair... pairs) throws Exception {
        List<JsonWebKey> keys = new ArrayList<>();
        for (KeyPair pair : pairs) {
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(pair.publicKey());
            key.setKeyId(pair.name());
            keys.add(key);
        }
        return Files.writeString(WORK.resolve(file), new JsonWebKeySet(keys).toJson());
    }

    private HttpResponse<String> get(ServiceProcess service, String token) throws Exception {
        URI uri = URI.create("http://localhost:" + service.port() + "/api/v1/runs/" + UNKNOWN_RUN + "/error-summary");
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), () -> command + ": " + output);
    }

    /** The DER bytes of a PEM file's one block. */
    private static byte[] der(Path pem) throws Exception {
        return Base64.getMimeDecoder().decode(Files.readString(pem).replaceAll("-----[A-Z ]+-----", ""));
    }
}
