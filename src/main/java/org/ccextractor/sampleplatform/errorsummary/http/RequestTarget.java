package org.ccextractor.sampleplatform.errorsummary.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a request target (RFC 9112 section 3.2) is URI syntax (RFC 3986: every {@code %} starts a
 * pct-encoded octet of two hex digits, no character outside the allowed sets), as java.net.URI parses it, which
 * is the rule Quarkus' own check applies (VertxHttpRecorder); and, when it is not, which parameter each
 * malformed part is in, by the path template of the API and the query's parameter names.
 */
final class RequestTarget {

    static final String MUST = "Must be percent-encoded as RFC 3986 requires";
    /** Named for a malformed path segment that is no parameter of the template. */
    static final String PATH = "path";

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    private final List<String[]> templates;

    /** @param pathTemplates the API's, e.g. {@code /api/v1/runs/{run_id}/error-summary} */
    RequestTarget(String... pathTemplates) {
        this.templates = Arrays.stream(pathTemplates).map(template -> template.split("/", -1)).toList();
    }

    /** Each malformed parameter of {@code target} with what it must be; empty when the target is URI syntax. */
    Map<String, String> malformed(String target) {
        if (parses(target)) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int question = target.indexOf('?');
        String[] segments = (question < 0 ? target : target.substring(0, question)).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (!parses("/" + segments[i])) {
                fields.putIfAbsent(pathParameter(segments, i), MUST);
            }
        }
        if (question >= 0) {
            for (String parameter : target.substring(question + 1).split("&", -1)) {
                if (!parses("?" + parameter)) {
                    fields.putIfAbsent(name(parameter), MUST);
                }
            }
        }
        // Each part parses but the whole does not: the fault is in how they are joined, before the query.
        if (fields.isEmpty()) {
            fields.put(PATH, MUST);
        }
        return fields;
    }

    /** The parameter at segment {@code i} of the template the other segments match, else {@link #PATH}. */
    private String pathParameter(String[] segments, int i) {
        for (String[] template : templates) {
            if (matchesBesides(template, segments, i)) {
                Matcher parameter = PARAMETER.matcher(template[i]);
                return parameter.matches() ? parameter.group(1) : PATH;
            }
        }
        return PATH;
    }

    private static boolean matchesBesides(String[] template, String[] segments, int i) {
        if (segments.length != template.length) {
            return false;
        }
        for (int j = 0; j < segments.length; j++) {
            if (j != i && !PARAMETER.matcher(template[j]).matches() && !template[j].equals(segments[j])) {
                return false;
            }
        }
        return true;
    }

    /** A query parameter's name as the REST layer decodes it, or as sent when it cannot be decoded. */
    private static String name(String parameter) {
        int equals = parameter.indexOf('=');
        String raw = equals < 0 ? parameter : parameter.substring(0, equals);
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    private static boolean parses(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
