package org.ccextractor.sampleplatform.errorsummary.counters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An error's output_hash as its bucket keeps it (V8): a 64-bit digest, the first 8 bytes of the SHA-256 of the
 * hash's UTF-8 bytes read as a big-endian signed long, so that anyone can compute it again from the text (Java's
 * String.hashCode is 32 bits, and its spread no contract). A bucket sums the digests of its errors modulo 2^64: the
 * same multiset of hashes, in any order and in any batches, gives the same sum.
 *
 * @param digest the 64-bit digest
 */
public record OutputHash(long digest) {

    public static OutputHash of(String outputHash) {
        try {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(outputHash.getBytes(StandardCharsets.UTF_8));
            return new OutputHash(ByteBuffer.wrap(sha256).getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
