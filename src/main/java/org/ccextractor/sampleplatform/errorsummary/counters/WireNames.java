package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the enums of the contract are written in JSON, in query parameters and in the event schema: their names in
 * lower case. The one place that makes them, each once per enum.
 */
public final class WireNames {

    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants()).map(value -> ((Enum<?>) value).name().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new);
        }
    };

    private WireNames() {
    }

    public static String of(Enum<?> value) {
        return NAMES.get(value.getDeclaringClass())[value.ordinal()];
    }

    public static <E extends Enum<E>> Optional<E> find(E[] values, String wireName) {
        return Arrays.stream(values).filter(value -> of(value).equals(wireName)).findFirst();
    }

    /** "a, b, c": the accepted values, for error messages. */
    public static String list(Enum<?>[] values) {
        return Arrays.stream(values).map(WireNames::of).collect(Collectors.joining(", "));
    }
}
