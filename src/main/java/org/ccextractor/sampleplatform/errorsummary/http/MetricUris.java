package org.ccextractor.sampleplatform.errorsummary.http;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.micrometer.runtime.binder.HttpCommonTags;

import org.ccextractor.sampleplatform.errorsummary.summary.ErrorSummaryResource;

/**
 * The {@code uri} label of the HTTP server metrics is one of a bounded set: a path the service serves, as its route
 * template, or a fixed value. Quarkus labels a request with its route template only when the REST layer matched it,
 * and with {@code match-patterns} (application.properties) only for a path of the API's form; every other answer, from
 * the rate limit, a router's refusal or a static file, is labelled with the path as the client spelled it
 * ({@code /api/v1/runs/./5/error-summary}, {@code /%61pi/...}, {@code /x/../robots.txt}), so that anyone could add
 * series until Micrometer's limit of uri values refuses new ones, the legitimate ones among them. Those are
 * labelled {@value #UNKNOWN} here, as Quarkus labels some itself.
 */
@Singleton
public class MetricUris {

    static final String UNKNOWN = "UNKNOWN";
    private static final String URI = "uri";
    private static final Set<String> BOUNDED = Set.of(ErrorSummaryResource.PATH, ErrorSummaryResource.COMPARE_PATH, "/robots.txt", UNKNOWN,
            HttpCommonTags.URI_NOT_FOUND.getValue(), HttpCommonTags.URI_REDIRECTION.getValue(),
            HttpCommonTags.URI_ROOT.getValue());

    /** Applied to every meter registry, before Micrometer counts a meter's uri values against its limit. */
    @Produces
    @Singleton
    MeterFilter boundedUris() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag(URI);
                return uri == null || !id.getName().startsWith("http.server.") || BOUNDED.contains(uri)
                        ? id
                        : id.withTag(Tag.of(URI, UNKNOWN));
            }
        };
    }
}
