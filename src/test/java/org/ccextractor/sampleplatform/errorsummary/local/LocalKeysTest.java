package org.ccextractor.sampleplatform.errorsummary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private signing keys that a local run or a test writes are readable by their owner only. */
class LocalKeysTest {

    @TempDir
    Path temp;

    @Test
    void aNewKeyDirectoryAndItsKeyPairsAreTheOwnersAlone() throws Exception {
        Path directory = temp.resolve("target").resolve("local").resolve("keys");
        LocalKeys.generate(directory);
        assertOwnerOnly(directory);
    }

    @Test
    void keysWrittenAgainOverOnesOpenToEveryoneAreTheOwnersAlone() throws Exception {
        // As an earlier run may have left them (before this rule, or under a careless umask).
        Path directory = Files.createDirectories(temp.resolve("keys"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path pairs = Files.writeString(directory.resolve(LocalKeys.KEY_PAIRS), "{}");
        Files.setPosixFilePermissions(pairs, PosixFilePermissions.fromString("rw-rw-rw-"));

        LocalKeys generated = LocalKeys.generate(directory);
        assertOwnerOnly(directory);

        // The file holds the new pairs: a token they sign verifies with the public keys the service reads.
        String token = LocalKeys.load(directory).sign(LocalKeys.claims("owner", 60, LocalKeys.SCOPE),
                AlgorithmIdentifiers.RSA_USING_SHA256);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(new VerificationJwkSelector().select(jws, new JsonWebKeySet(generated.publicKeysJson()).getJsonWebKeys())
                .getKey());
        assertTrue(jws.verifySignature());
    }

    private static void assertOwnerOnly(Path directory) throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)), "the directory");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve(LocalKeys.KEY_PAIRS))), "the key pairs");
    }
}
