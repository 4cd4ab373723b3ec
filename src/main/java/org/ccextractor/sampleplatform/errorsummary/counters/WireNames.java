package org.ccextractor.sampleplatform.errorsummary.counters;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the enums of the contract are written in JSON and query parameters: their names in lower case. */
public final class WireNames {

    private WireNames() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> Optional<E> find(E[] values, String wireName) {
        return Arrays.stream(values).filter(value -> of(value).equals(wireName)).findFirst();
    }

    /** "a, b, c": the accepted values, for error messages. */
    public static String list(Enum<?>[] values) {
        return Arrays.stream(values).map(WireNames::of).collect(Collectors.joining(", "));
    }
}
