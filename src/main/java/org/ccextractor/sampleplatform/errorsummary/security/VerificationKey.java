package org.ccextractor.sampleplatform.errorsummary.security;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;

import org.eclipse.microprofile.config.Config;
import org.jose4j.lang.UnresolvableKeyException;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.KeyLocationResolver;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The key that verifies bearer tokens, as every parser in the service gets it (the rate-limit filter's
 * {@link VerifiedTokens} and Quarkus' own authentication share smallrye-jwt's {@link JWTAuthContextInfo}), and
 * checked before the service takes requests.
 * <p>
 * Why the algorithms are rewritten: smallrye-jwt 4.6 decodes a PEM public key with the key factory of the
 * <em>first</em> accepted algorithm ({@code KeyLocationResolver}: {@code getSignatureAlgorithm().iterator().next()}),
 * and the configured {@code mp.jwt.verify.publickey.algorithm=RS256,ES256} arrives as a {@code HashSet}, ordered
 * by the enum constants' identity hash codes, which differ from one start to the next (any unrelated setting can
 * change them). When ES256 came first, an RSA key was decoded as an EC key, the key stayed unresolvable and every
 * token was refused (SRJWT08005). Here the accepted algorithms are put in a fixed order and, for a PEM public key,
 * narrowed to those of its own key type: a PEM file holds one key, which verifies only its own algorithms.
 */
public class VerificationKey {

    /** smallrye-jwt's settings from the configuration, with {@link #algorithmsFor} applied; replaces its producer. */
    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo settings(JWTAuthContextInfoProvider provider) {
        JWTAuthContextInfo settings = provider.getContextInfo();
        settings.setSignatureAlgorithm(algorithmsFor(pemContent(settings), settings.getSignatureAlgorithm()));
        return settings;
    }

    /**
     * Refuses to start without a key, or with one that cannot be read or decoded, rather than start and answer
     * every request with 401. A key at an http(s) URL is not fetched here: smallrye-jwt fetches it when the first
     * token needs it and again when a token names a key it does not have, so the identity provider being down
     * must not keep the service from starting (only the URL's form is checked).
     *
     * @throws IllegalStateException naming the setting and the reason
     */
    void check(@Observes StartupEvent event, Config config, Provider<JWTAuthContextInfo> settings) {
        Optional<String> location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        if (location.isEmpty() && config.getOptionalValue("mp.jwt.verify.publickey", String.class).isEmpty()) {
            throw new IllegalStateException("No JWT verification key is configured: set MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                    + "(mp.jwt.verify.publickey.location) to a PEM or JWKS file or URL, or MP_JWT_VERIFY_PUBLICKEY to the key itself.");
        }
        String key = location.orElse("given in MP_JWT_VERIFY_PUBLICKEY");
        if (location.filter(VerificationKey::isUrl).isPresent()) {
            try {
                URI.create(key).toURL();
                return;
            } catch (IllegalArgumentException | MalformedURLException e) {
                throw new IllegalStateException("The JWT verification key location " + key + " is not a URL: " + e.getMessage(), e);
            }
        }
        try {
            if (!new LoadedKey(settings.get()).found()) {
                throw new IllegalStateException("The JWT verification key " + key + " holds no key that verifies "
                        + settings.get().getSignatureAlgorithm() + ": it must be a PEM public key or certificate, or a JWK or JWKS.");
            }
        } catch (UnresolvableKeyException e) {
            throw new IllegalStateException("The JWT verification key " + key + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** smallrye-jwt's own loading of the key, as each parser does it, run once to see whether it found one. */
    private static final class LoadedKey extends KeyLocationResolver {

        LoadedKey(JWTAuthContextInfo settings) throws UnresolvableKeyException {
            super(settings);
        }

        /** A decoded PEM key, a JWK(S) read from the file, or a JWKS URL to fetch when a token needs it. */
        boolean found() {
            return key != null || (jsonWebKeys != null && !jsonWebKeys.isEmpty()) || httpsJwks != null;
        }
    }

    /**
     * The accepted algorithms in their declaration order (RS* before ES*), and for a PEM public key only those
     * whose key type can decode it. Anything else (a JWKS, whose keys name their own type; a certificate) keeps
     * every configured algorithm.
     *
     * @param pem the key's text when it may be a PEM public key, else empty
     */
    static Set<SignatureAlgorithm> algorithmsFor(Optional<String> pem, Set<SignatureAlgorithm> configured) {
        Set<SignatureAlgorithm> ordered = EnumSet.copyOf(configured);
        if (pem.isEmpty()) {
            return ordered;
        }
        Set<SignatureAlgorithm> decoding = EnumSet.noneOf(SignatureAlgorithm.class);
        for (SignatureAlgorithm algorithm : ordered) {
            try {
                KeyUtils.decodePublicKey(pem.get(), algorithm);
                decoding.add(algorithm);
            } catch (GeneralSecurityException | IllegalArgumentException otherKeyType) {
                // not this algorithm's key type (or not a PEM key at all)
            }
        }
        return decoding.isEmpty() ? ordered : decoding;
    }

    /**
     * The configured key's text, read as smallrye-jwt reads it, when it may be a PEM public key: not for a URL,
     * which smallrye-jwt reads as a JWKS first, unless {@code smallrye.jwt.verify.key-format=PEM_KEY} says it is
     * a PEM key (then it is fetched here, once, to learn its key type). Unreadable: empty here, and
     * {@link #check} or the first token reports it.
     */
    private static Optional<String> pemContent(JWTAuthContextInfo settings) {
        if (settings.getPublicKeyContent() != null) {
            return Optional.of(settings.getPublicKeyContent());
        }
        String location = settings.getPublicKeyLocation();
        if (location == null || (isUrl(location) && settings.getKeyFormat() != KeyFormat.PEM_KEY)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(KeyUtils.readKeyContent(location));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean isUrl(String location) {
        return location.startsWith("https:") || location.startsWith("http:");
    }
}
