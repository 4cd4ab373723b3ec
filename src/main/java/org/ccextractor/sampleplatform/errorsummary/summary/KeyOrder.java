package org.ccextractor.sampleplatform.errorsummary.summary;

import java.util.Comparator;

import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;

/**
 * The order of buckets with equal counts (README, "The API"): sample and regression ids by their numeric value,
 * the key "not given" ({@link Dimension#NOT_GIVEN}, served as null) of sample_id, regression_id and category last,
 * every other key in code point order, as PostgreSQL's "C" collation of UTF-8 text orders them.
 */
final class KeyOrder {

    private KeyOrder() {
    }

    static Comparator<String> of(Dimension dimension) {
        Comparator<String> values = dimension.numeric() ? Comparator.comparingLong(KeyOrder::id) : KeyOrder::compareCodePoints;
        return dimension.optional() ? Comparator.comparing(KeyOrder::isNotGiven).thenComparing(values) : values;
    }

    /**
     * Code point order. UTF-16 order differs only where a surrogate meets a character from U+E000 to U+FFFF:
     * surrogates are moved above those before comparing (as ICU's code point order comparison does).
     */
    static int compareCodePoints(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointRank(x) - codePointRank(y);
            }
        }
        return a.length() - b.length();
    }

    private static int codePointRank(char c) {
        if (c >= '\uE000') {
            return c - 0x800;
        }
        return Character.isSurrogate(c) ? c + 0x2000 : c;
    }

    private static boolean isNotGiven(String key) {
        return Dimension.NOT_GIVEN.equals(key);
    }

    private static long id(String key) {
        return isNotGiven(key) ? 0 : Long.parseLong(key);
    }
}
