package org.ccextractor.sampleplatform.errorsummary.security;

import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * A reproducible storm of malformed requests (paths, methods, headers, parameters, tokens): every answer
 * is contract-shaped JSON and never a 500, and the service is healthy afterwards.
 */
@ServiceTest
class FuzzTest {

    static final int REQUESTS = 1_200;

    static final List<String> NASTY = List.of("0", "-1", "1.5", "1e3", "abc", "' OR 1=1--", "1; DROP TABLE counters;--",
            "1 UNION SELECT * FROM runs", "%00", "\u0000", "ünïcødé", "💥", "\u202e", "9223372036854775808",
            "99999999999999999999999", "", " ", "null", "[]", "{}", "../../etc/passwd", "<script>", "x".repeat(3000));
    static final List<String> PARAMETERS = List.of("limit", "offset", "group_by", "severity", "run_id", "unknown",
            "LIMIT", "group_by[]");
    static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO");
    static final List<String> ACCEPTS = List.of("application/json", "*/*", "text/html", "application/xml", "garbage/",
            "application/json;q=0", "text/*");

    final Random random = new Random(20261128);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);

    @Test
    void malformedRequestsGetContractShapedAnswersAndTheServiceStaysHealthy() throws Exception {
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest request = randomRequest();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String what = i + ": " + request.method() + " " + request.uri() + " -> " + response.statusCode() + " " + response.body();
            assertNotEquals(500, response.statusCode(), what);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
            JsonNode body = Events.JSON.readTree(response.body());
            Contract.assertValid(response.statusCode() == 200 ? Contract.SUMMARY_PAGE : Contract.ERROR, body);
            assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "), what);
        }
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        HttpResponse<String> valid = http.send(HttpRequest.newBuilder(uri("/api/v1/runs/1/error-summary"))
                .header("Authorization", "Bearer " + keys().readerToken("after-fuzz")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, valid.statusCode(), valid.body());
    }

    private HttpRequest randomRequest() {
        StringBuilder path = new StringBuilder(switch (random.nextInt(6)) {
            case 0 -> "/api/v1/runs/" + encode(pick(NASTY)) + "/error-summary";
            case 1 -> "/api/v1/runs/" + (1 + random.nextInt(1000)) + "/error-summary";
            case 2 -> "/api/v1/runs/" + encode(pick(NASTY));
            case 3 -> "/api/v1/" + encode(pick(NASTY)) + "/" + encode(pick(NASTY));
            case 4 -> "/api/v1/runs/1/error-summary/" + encode(pick(NASTY));
            default -> "/" + encode(pick(NASTY));
        });
        int parameters = random.nextInt(5);
        for (int p = 0; p < parameters; p++) {
            path.append(p == 0 ? '?' : '&').append(encode(pick(PARAMETERS))).append('=').append(encode(pick(NASTY)));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path.toString())).timeout(Duration.ofSeconds(10))
                .method(pick(METHODS), random.nextBoolean() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"run_id\":" + pick(NASTY) + "}"));
        if (random.nextBoolean()) {
            builder.header("Accept", pick(ACCEPTS));
        }
        String token = token();
        if (token != null) {
            builder.header("Authorization", token);
        }
        if (random.nextInt(4) == 0) {
            builder.header("Content-Type", pick(ACCEPTS));
        }
        return builder.build();
    }

    private String token() {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> "Bearer " + keys().readerToken("fuzz");
            case 2 -> "Bearer " + pick(NASTY).replaceAll("[^\\x21-\\x7e]", "x");
            case 3 -> "Bearer";
            case 4 -> "Basic dXNlcjpwYXNz";
            case 5 -> "Bearer " + keys().readerToken("fuzz").substring(0, 40 + random.nextInt(200));
            case 6 -> "Bearer " + LocalKeys.sign(LocalKeys.claims("fuzz", 600, LocalKeys.SCOPE),
                    AlgorithmIdentifiers.HMAC_SHA256, "local-rsa", new HmacKey(new byte[32]));
            default -> "Bearer " + keys().sign(LocalKeys.claims("fuzz", 600, "results:write"), AlgorithmIdentifiers.RSA_USING_SHA256);
        };
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
