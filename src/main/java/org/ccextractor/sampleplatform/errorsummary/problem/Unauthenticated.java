package org.ccextractor.sampleplatform.errorsummary.problem;

import java.util.Map;
import java.util.function.Predicate;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

import io.quarkus.security.AuthenticationFailedException;

import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;

/**
 * Why a request was not authenticated: the 401's {@code details.reason} (its wire name) and its
 * {@code WWW-Authenticate} challenge (RFC 6750 section 3.1). Read from the failure's cause chain, where smallrye-jwt
 * keeps jose4j's {@link InvalidJwtException} with its error codes, never from messages.
 */
public enum Unauthenticated {

    /** No bearer token: no Authorization header, or one of another scheme. */
    MISSING("No bearer token was sent."),
    /** Not a signed JWT, or one without the claims every token needs ({@code exp}, {@code iat}, a subject). */
    MALFORMED("The bearer token is not a well-formed signed JWT with the required claims."),
    /** Its {@code exp} lies further in the past than the clock skew allows. */
    EXPIRED("The bearer token has expired."),
    /** Its {@code nbf} lies further in the future than the clock skew allows. */
    NOT_YET_VALID("The bearer token is not valid yet."),
    /** Unsigned, or signed by a key or an algorithm this service does not accept. */
    BAD_SIGNATURE("The bearer token is not signed by a key and algorithm this service accepts."),
    /** Its {@code iss} is missing or another issuer's. */
    WRONG_ISSUER("The bearer token was issued by another issuer."),
    /** Its {@code aud} names none of the configured audiences (checked only when {@code mp.jwt.verify.audiences} is set). */
    WRONG_AUDIENCE("The bearer token is meant for another audience.");

    private final String message;

    Unauthenticated(String message) {
        this.message = message;
    }

    /**
     * The reason for a 401: {@link #MISSING} when no token was sent (the request reached the check without an
     * identity), else, for a token that failed authentication, what jose4j found, the most basic fault first (a
     * signature that does not verify leaves the claims unchecked; of the claims, a token of another issuer or audience
     * is not meant for this service, whatever its times say). A failure that names none of these is {@link #MALFORMED}.
     */
    public static Unauthenticated of(RuntimeException failure) {
        if (!(failure instanceof AuthenticationFailedException)) {
            return MISSING;
        }
        InvalidJwtException invalid = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidAlgorithmException || cause instanceof UnresolvableKeyException) {
                return BAD_SIGNATURE;
            }
            if (cause instanceof InvalidJwtException jwt && invalid == null) {
                invalid = jwt;
            }
        }
        if (invalid == null) {
            return MALFORMED;
        }
        Predicate<Integer> has = invalid::hasErrorCode;
        if (has.test(ErrorCodes.SIGNATURE_INVALID) || has.test(ErrorCodes.SIGNATURE_MISSING)) {
            return BAD_SIGNATURE;
        }
        if (has.test(ErrorCodes.ISSUER_INVALID) || has.test(ErrorCodes.ISSUER_MISSING)) {
            return WRONG_ISSUER;
        }
        if (has.test(ErrorCodes.AUDIENCE_INVALID) || has.test(ErrorCodes.AUDIENCE_MISSING)) {
            return WRONG_AUDIENCE;
        }
        if (has.test(ErrorCodes.EXPIRED)) {
            return EXPIRED;
        }
        if (has.test(ErrorCodes.NOT_YET_VALID) || has.test(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return NOT_YET_VALID;
        }
        return MALFORMED;
    }

    public String reason() {
        return WireNames.of(this);
    }

    /** 401 {@code unauthorized} with {@code details.reason}. */
    public Problem problem() {
        return new Problem("unauthorized", message, Map.of("reason", reason()));
    }

    /**
     * RFC 6750 section 3.1: without a token, the scheme alone ("the resource server SHOULD NOT include an error code or
     * other error information"); with one that failed, {@code invalid_token} and a description, which holds no
     * {@code "} or {@code \} (section 3: {@code %x20-21 / %x23-5B / %x5D-7E}).
     */
    public String challenge() {
        return this == MISSING ? "Bearer"
                : "Bearer error=\"invalid_token\", error_description=\"" + message + "\"";
    }
}
