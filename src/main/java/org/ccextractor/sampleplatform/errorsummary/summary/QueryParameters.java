package org.ccextractor.sampleplatform.errorsummary.summary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedMap;

import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;
import org.ccextractor.sampleplatform.errorsummary.problem.ApiProblem;

/**
 * A request's query read as the raw text the client sent, collecting what is wrong with each parameter, so that every
 * bad one is reported at once (400 {@code validation_error}, {@code details.fields}): nothing is clamped or defaulted
 * silently, a parameter given twice is as bad as a malformed one, and no parameter is ignored (a misspelled one,
 * {@code groupby=sample_id}, would otherwise serve the default as if it were the one asked for).
 */
final class QueryParameters {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

    private final MultivaluedMap<String, String> query;
    private final Map<String, String> errors = new LinkedHashMap<>();

    QueryParameters(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** The parameter's one value, null when not given. */
    String single(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            errors.put(name, "Must be given at most once");
        }
        return values.get(0);
    }

    /** {@code value} as a decimal integer from {@code min} to {@code max}; null, and reported, when it is not one. */
    Long integer(String value, long min, long max, String name) {
        return integer(value, min, max, name, "Must be between " + min + " and " + max);
    }

    Long integer(String value, long min, long max, String name, String must) {
        if (value != null && INTEGER.matcher(value).matches()) {
            try {
                long parsed = Long.parseLong(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException tooLarge) {
                // reported below, like any other value out of range
            }
        }
        fail(name, must);
        return null;
    }

    /** The constant whose wire name {@code value} is; null, and reported, when none is. */
    <T extends Enum<T>> T oneOf(String value, T[] allowed, String name) {
        Optional<T> parsed = WireNames.find(allowed, value);
        if (parsed.isEmpty()) {
            fail(name, "Must be one of: " + WireNames.list(allowed));
        }
        return parsed.orElse(null);
    }

    /** Reports {@code name} as {@code must} says, unless something is reported for it already. */
    void fail(String name, String must) {
        errors.putIfAbsent(name, must);
    }

    boolean valid() {
        return errors.isEmpty();
    }

    /**
     * Reports every parameter that is not one of {@code names} (an empty pair, {@code ?limit=5&}, names none), then
     * throws when anything was reported.
     *
     * @throws ApiProblem 400 naming each bad parameter
     */
    void throwIfInvalid(List<String> names) {
        for (String name : query.keySet()) {
            if (!names.contains(name)) {
                errors.put(name, "Unknown parameter; must be one of: " + String.join(", ", names));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
    }
}
