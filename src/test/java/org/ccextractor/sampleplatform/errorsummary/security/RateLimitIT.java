package org.ccextractor.sampleplatform.errorsummary.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.local.FreePort;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.local.ServiceProcess;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;
import org.ccextractor.sampleplatform.errorsummary.testing.MetricSample;

/**
 * The contract's rate limit on two instances of the packaged service sharing one database: one limit per
 * token subject across both, one per client address without a valid token, and the headers and 429 body.
 */
class RateLimitIT {

    static final int LIMIT = 20;
    static final Path LOGS = Path.of("target", "rate-limit-it");

    static LocalInfrastructure infrastructure;
    static LocalKeys keys;
    static ServiceProcess first;
    static ServiceProcess second;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(LOGS);
        infrastructure = LocalInfrastructure.shared();
        keys = LocalKeys.generate(LOGS.resolve("keys"));
        String topic = "rate-limit-it-" + UUID.randomUUID();
        infrastructure.createTopic(topic);
        Map<String, String> env = Map.of("MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", topic,
                "MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", topic + ".dlq",
                "ERROR_SUMMARY_RATE_LIMIT_REQUESTS", Integer.toString(LIMIT));
        first = new ServiceProcess(infrastructure, keys, FreePort.pick(), env,
                ProcessBuilder.Redirect.appendTo(LOGS.resolve("first.log").toFile())).start();
        second = new ServiceProcess(infrastructure, keys, FreePort.pick(), env,
                ProcessBuilder.Redirect.appendTo(LOGS.resolve("second.log").toFile())).start();
    }

    /**
     * Each test starts with no buckets: the database is shared with the other process tests, whose refused requests
     * from this address would otherwise have spent some of its bucket.
     */
    @BeforeEach
    void emptyBuckets() throws Exception {
        LocalInfrastructure.Database db = infrastructure.database();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM rate_limit_buckets");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
        infrastructure.close();
    }

    @Test
    void twoInstancesEnforceOneLimitPerSubject() throws Exception {
        String token = keys.readerToken("alice-" + UUID.randomUUID());
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 2 * LIMIT; i++) {
            responses.add(get(i % 2 == 0 ? first : second, token));
        }
        long allowed = responses.stream().filter(r -> r.statusCode() != 429).count();
        assertEquals(LIMIT, allowed, "requests served by both instances together");

        HttpResponse<String> firstResponse = responses.get(0);
        assertEquals(404, firstResponse.statusCode()); // an unknown run: authorized and counted
        assertEquals(Integer.toString(LIMIT), header(firstResponse, "X-RateLimit-Limit"));
        assertEquals(Integer.toString(LIMIT - 1), header(firstResponse, "X-RateLimit-Remaining"));
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(Integer.toString(LIMIT - 1 - i), header(responses.get(i), "X-RateLimit-Remaining"));
        }
        assertRateLimited(responses.get(2 * LIMIT - 1));
        assertLatencyUnderThePathTemplate(second, "429");
        // Another subject has a bucket of its own.
        assertEquals(404, get(second, keys.readerToken("bob-" + UUID.randomUUID())).statusCode());
    }

    @Test
    void requestsWithoutAValidTokenAreLimitedPerAddress() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < LIMIT + 2; i++) {
            responses.add(get(i % 2 == 0 ? first : second, i % 3 == 0 ? null : "not-a-token-" + i));
        }
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(401, responses.get(i).statusCode(), "request " + i);
            assertEquals(Integer.toString(LIMIT - 1 - i), header(responses.get(i), "X-RateLimit-Remaining"));
        }
        assertRateLimited(responses.get(LIMIT));
        assertRateLimited(responses.get(LIMIT + 1));
    }

    private void assertRateLimited(HttpResponse<String> response) throws Exception {
        long now = Instant.now().getEpochSecond();
        assertEquals(429, response.statusCode());
        assertEquals("application/json", header(response, "Content-Type"));
        assertEquals("0", header(response, "X-RateLimit-Remaining"));
        long retryAfter = Long.parseLong(header(response, "Retry-After"));
        long reset = Long.parseLong(header(response, "X-RateLimit-Reset"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(Math.abs(reset - (now + retryAfter)) <= 1, "reset " + reset + " vs now " + now + " + " + retryAfter);
        JsonNode body = Events.JSON.readTree(response.body());
        Contract.assertValid(Contract.ERROR, body);
        assertEquals(Events.JSON.readTree("{\"code\":\"rate_limited\",\"message\":\"Rate limit exceeded. Retry after "
                + retryAfter + " seconds.\",\"details\":{\"retry_after\":" + retryAfter + ",\"limit\":" + LIMIT
                + ",\"window\":\"60s\"}}"), body);
    }

    /** A 429 never reaches the REST layer that names the template; the metrics must not make a series per run id. */
    private void assertLatencyUnderThePathTemplate(ServiceProcess service, String status) throws Exception {
        List<MetricSample> metrics = MetricSample.parse(http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + service.port() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(metrics.stream().anyMatch(s -> s.name().equals("http_server_requests_seconds_count")
                && s.label("status").equals(status) && s.label("uri").equals("/api/v1/runs/{run_id}/error-summary")), status);
        assertEquals(List.of(), metrics.stream().filter(s -> s.label("uri").contains("424242")).toList());
    }

    private HttpResponse<String> get(ServiceProcess service, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + service.port() + "/api/v1/runs/424242/error-summary"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
