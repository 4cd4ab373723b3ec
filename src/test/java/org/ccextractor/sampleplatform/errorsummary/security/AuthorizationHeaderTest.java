package org.ccextractor.sampleplatform.errorsummary.security;

import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.keys;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.RawHttp;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * The rate limit and authentication read the Authorization header the same way, whatever the case and spacing
 * a client sends: a token the rate limit counts against its subject (it verified) is authenticated, and one it
 * counts against the client's address is refused; and the token is verified at most once per request. The rule
 * both follow is RFC 6750 section 2.1's, {@code "Bearer" 1*SP b64token}: the scheme in any case, one or more spaces
 * (not tabs), the rest of the value as the token; whitespace around the whole value is no part of it (RFC 9110
 * section 5.5). A refused spelling is told why: a token that is not there ({@code missing}, e.g. after a tab, which
 * is no part of the scheme's separator), one that is not a token ({@code malformed}), or a token with more around
 * it, whose text as sent then fails its signature ({@code bad_signature}).
 */
@ServiceTest
class AuthorizationHeaderTest {

    /** An unknown run: an authenticated request gets 404. */
    static final String PATH = summaryPath(880_004);
    /** Stands for a valid token in the header lines below. */
    static final String TOKEN = "<token>";

    final int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);

    static Stream<Arguments> spellings() {
        return Stream.of(
                arguments("as registered", List.of("Authorization: Bearer <token>"), null),
                arguments("scheme in lower case", List.of("Authorization: bearer <token>"), null),
                arguments("scheme in upper case", List.of("Authorization: BEARER <token>"), null),
                arguments("whitespace around the value", List.of("Authorization: \t Bearer <token> \t"), null),
                arguments("two spaces", List.of("Authorization: Bearer  <token>"), null),
                arguments("three spaces", List.of("Authorization: Bearer   <token>"), null),
                arguments("spaces, scheme in lower case", List.of("Authorization: bearer    <token>"), null),
                arguments("a tab", List.of("Authorization: Bearer\t<token>"), "missing"),
                arguments("a space and a tab", List.of("Authorization: Bearer \t<token>"), "bad_signature"),
                arguments("spaces around a tab", List.of("Authorization: Bearer  \t <token>"), "bad_signature"),
                arguments("a comma-separated list", List.of("Authorization: Bearer <token>, Bearer <token>"), "bad_signature"),
                arguments("no space", List.of("Authorization: Bearer<token>"), "missing"),
                arguments("empty token", List.of("Authorization: Bearer "), "missing"),
                arguments("scheme alone", List.of("Authorization: Bearer"), "missing"),
                arguments("empty value", List.of("Authorization: "), "missing"),
                arguments("another scheme", List.of("Authorization: Basic dXNlcjpwYXNz"), "missing"),
                arguments("a valid header, then another", List.of("Authorization: Bearer <token>", "Authorization: Bearer x"), null),
                arguments("another header, then a valid one", List.of("Authorization: Bearer x", "Authorization: Bearer <token>"), "malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void theRateLimitAndAuthenticationAgree(String spelling, List<String> headers, String refusal) throws Exception {
        String token = keys().readerToken("spelling-" + UUID.randomUUID());
        List<String> sent = headers.stream().map(header -> header.replace(TOKEN, token)).toList();
        // Without a token the request counts against the address: the next one does too, or against a new subject.
        long addressRemaining = remaining(RawHttp.get(port, PATH, List.of()));
        long before = CountingJwtParser.verifications();
        RawHttp.Response response = RawHttp.get(port, PATH, sent);
        long verifications = CountingJwtParser.verifications() - before;

        long remaining = remaining(response);
        boolean bySubject = remaining == Long.parseLong(response.header("X-RateLimit-Limit")) - 1;
        assertNotEquals(bySubject, remaining == addressRemaining - 1, () -> "counted against one key: " + response);
        assertEquals(bySubject ? 404 : 401, response.status(),
                () -> (bySubject ? "counted against the subject" : "counted against the address") + ": " + response);
        if (bySubject) {
            assertEquals(1, verifications, "verifications of the accepted token");
        } else {
            assertTrue(verifications <= 1, "verifications of the refused token: " + verifications);
            JsonNode body = response.json();
            Contract.assertValid(Contract.UNAUTHORIZED, body);
            assertEquals(refusal, body.path("details").path("reason").asText(), response::toString);
            assertEquals(refusal.equals("missing"), response.header("WWW-Authenticate").equals("Bearer"), response::toString);
        }
        assertEquals(refusal == null, bySubject, "accepted");
    }

    private static long remaining(RawHttp.Response response) {
        return Long.parseLong(response.header("X-RateLimit-Remaining"));
    }
}
