package org.ccextractor.sampleplatform.errorsummary.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import org.ccextractor.sampleplatform.errorsummary.testing.MetricSample;
import org.ccextractor.sampleplatform.errorsummary.testing.RawHttp;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;

/**
 * A client without a token cannot add series to the metrics: whatever path it spells, and whoever answers (the rate
 * limit, the router, a static file, Swagger UI), the request's uri label is a route template or one of a few fixed values.
 */
@ServiceTest
@TestProfile(MetricUriTest.SmallLimit.class)
class MetricUriTest {

    static final String TEMPLATE = "/api/v1/runs/{run_id}/error-summary";
    static final Set<String> BOUNDED = Set.of(TEMPLATE, "/robots.txt", "NOT_FOUND", "UNKNOWN", "REDIRECTION", "root");

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("error-summary.rate-limit.requests", "1");
        }
    }

    final int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);

    @Test
    void everyAnswerIsLabelledWithATemplateOrAFixedValue() throws Exception {
        List<String> targets = List.of("/api/v1/runs/5/error-summary", "/api/v1/runs/./5001/error-summary",
                "/x/../api/v1/runs/5/error-summary", "/api/v1/runs/5/error-summary;x=1", "/api/v1/runs/5/error-summary%00",
                "/api/v1/runs/5/%00/error-summary", "/%61pi/v1/runs/5/error-summary", "/api//v1/runs/5/error-summary",
                "/api/v1/runs/5/error-summary/", "/api/v1/runs/5/error-summary?limit=%zz", "/api/v1/./x/../runs/7/error-summary",
                "/./robots.txt", "/x/../robots.txt", "/robots.txt;x=1", "/%72obots.txt", "/q/./metrics", "/x/../q/metrics",
                "/nothing/here", "/nothing/here%00", "/q/swagger-ui", "/q/swagger-ui/", "/q/./swagger-ui/index.html",
                "/q/swagger-ui/nothing-here.js");
        Set<Integer> statuses = new TreeSet<>();
        for (String target : targets) {
            statuses.add(RawHttp.get(port, target, List.of()).status());
        }
        assertTrue(statuses.contains(429), () -> "the rate limit answered: " + statuses);

        Set<String> labels = MetricSample.parse(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString())
                .stream().filter(s -> s.name().startsWith("http_server_") && s.labels().containsKey("uri"))
                .map(s -> s.label("uri")).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(labels.contains(TEMPLATE), () -> "labels: " + labels);
        assertEquals(Set.of(), labels.stream().filter(label -> !BOUNDED.contains(label)).collect(Collectors.toSet()),
                () -> "unbounded labels among " + labels + " (statuses " + statuses + ")");
    }
}
