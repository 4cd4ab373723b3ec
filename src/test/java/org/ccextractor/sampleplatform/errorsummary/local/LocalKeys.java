package org.ccextractor.sampleplatform.errorsummary.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Key;
import java.util.List;
import java.util.Set;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * A key pair of each kind the service verifies (RS256 and ES256), made anew for every local run or test
 * run: the public keys go to a JWKS file that the service is pointed at, the private keys stay here and
 * sign the tokens.
 */
public final class LocalKeys {

    public static final String ISSUER = "https://sampleplatform.ccextractor.org";
    public static final String SCOPE = "results:read";

    static final String KEY_PAIRS = "jwt-key-pairs.json";

    private static final String PUBLIC_KEYS = "jwt-public-keys.json";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final RsaJsonWebKey rsa;
    private final EllipticCurveJsonWebKey ec;
    private final Path publicKeys;

    private LocalKeys(RsaJsonWebKey rsa, EllipticCurveJsonWebKey ec, Path publicKeys) {
        this.rsa = rsa;
        this.ec = ec;
        this.publicKeys = publicKeys;
    }

    /**
     * Makes both key pairs and writes them into {@code directory}: the public halves as the JWKS file the
     * service verifies with, the whole pairs for {@link #load} (tests run in other class loaders). The private keys
     * sign tokens that the service accepts: the directory is its owner's alone (rwx------, also when it existed
     * before), and so is the file of key pairs (rw-------), from its creation on, before a key is in it.
     */
    public static LocalKeys generate(Path directory) throws IOException, JoseException {
        RsaJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("local-rsa");
        EllipticCurveJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("local-ec");
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        JsonWebKeySet keys = new JsonWebKeySet(List.of(rsa, ec));
        Files.writeString(directory.resolve(PUBLIC_KEYS), keys.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        Path pairs = directory.resolve(KEY_PAIRS);
        // Made anew, so that no earlier file's permissions carry over.
        Files.deleteIfExists(pairs);
        Files.createFile(pairs, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(pairs, keys.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        return new LocalKeys(rsa, ec, directory.resolve(PUBLIC_KEYS));
    }

    /** The keys that {@link #generate} wrote into {@code directory}. */
    public static LocalKeys load(Path directory) throws IOException, JoseException {
        JsonWebKeySet keys = new JsonWebKeySet(Files.readString(directory.resolve(KEY_PAIRS)));
        return new LocalKeys((RsaJsonWebKey) keys.findJsonWebKey("local-rsa", null, null, null),
                (EllipticCurveJsonWebKey) keys.findJsonWebKey("local-ec", null, null, null),
                directory.resolve(PUBLIC_KEYS));
    }

    public String publicKeysJson() throws IOException {
        return Files.readString(publicKeys);
    }

    /** The JWKS file for {@code mp.jwt.verify.publickey.location}. */
    public Path publicKeys() {
        return publicKeys;
    }

    /** A token that reads summaries for an hour: RS256, the local issuer, scope results:read. */
    public String readerToken(String subject) {
        return sign(claims(subject, 3600, SCOPE), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /**
     * Claims with the local issuer, {@code sub}, {@code iat} now, {@code exp} exactly {@code expiresInSeconds} later
     * (negative: past) and a space-separated scope (none when null).
     */
    public static JwtClaims claims(String subject, long expiresInSeconds, String scope) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        NumericDate now = NumericDate.now();
        claims.setIssuedAt(now);
        claims.setExpirationTime(NumericDate.fromSeconds(now.getValue() + expiresInSeconds));
        if (scope != null) {
            claims.setStringClaim("scope", scope);
        }
        return claims;
    }

    /** Signs with the local key of the algorithm: RS256 or ES256. */
    public String sign(JwtClaims claims, String algorithm) {
        PublicJsonWebKey key = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256.equals(algorithm) ? ec : rsa;
        return sign(claims, algorithm, key.getKeyId(), key.getPrivateKey());
    }

    /** Signs with any key: for tokens the service must refuse. */
    public static String sign(JwtClaims claims, String algorithm, String keyId, Key key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        if (keyId != null) {
            jws.setKeyIdHeaderValue(keyId);
        }
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh RSA key pair that the service does not know. */
    public static PrivateKey foreignRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        return pair.getPrivate();
    }
}
