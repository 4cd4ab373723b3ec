package org.ccextractor.sampleplatform.errorsummary.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An Accept header's media ranges with their weights, read as RFC 9110 section 12.5.1 says: the weight of a media
 * type is that of the most specific range that matches it ({@code type/subtype} before {@code type/*} before
 * {@code *}{@code /*}), and a weight of 0 means "not acceptable". A range whose weight is no number from 0 to 1 is
 * left out; {@code *} alone stands for {@code *}{@code /*}, as some old clients send it.
 */
public record Accept(List<Range> ranges) {

    /** One media range: type and subtype in lower case ({@code *} for any), and its weight. */
    public record Range(String type, String subtype, BigDecimal weight) {

        /** 2 for {@code type/subtype}, 1 for {@code type/*}, 0 for {@code *}{@code /*}; -1 when it does not match. */
        int specificity(String type, String subtype) {
            if (this.type.equals("*")) {
                return 0;
            }
            if (!this.type.equals(type)) {
                return -1;
            }
            return this.subtype.equals("*") ? 1 : this.subtype.equals(subtype) ? 2 : -1;
        }
    }

    /** The header's ranges; an absent header accepts anything, as RFC 9110 says. */
    public static Accept parse(List<String> headers) {
        if (headers.isEmpty()) {
            return new Accept(List.of(new Range("*", "*", BigDecimal.ONE)));
        }
        List<Range> ranges = new ArrayList<>();
        for (String header : headers) {
            for (String element : header.split(",")) {
                range(element).ifPresent(ranges::add);
            }
        }
        return new Accept(ranges);
    }

    /** Whether {@code type/subtype} (in lower case) has a weight above 0. */
    public boolean accepts(String type, String subtype) {
        int best = -1;
        BigDecimal weight = BigDecimal.ZERO;
        for (Range range : ranges) {
            int specificity = range.specificity(type, subtype);
            // Equally specific ranges: the greater weight, so that a repeated range never refuses what it accepts.
            if (specificity > best || specificity == best && specificity >= 0 && range.weight().compareTo(weight) > 0) {
                best = specificity;
                weight = range.weight();
            }
        }
        return best >= 0 && weight.signum() > 0;
    }

    private static Optional<Range> range(String element) {
        String[] parts = element.split(";");
        String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
        if (mediaRange.equals("*")) {
            mediaRange = "*/*";
        }
        int slash = mediaRange.indexOf('/');
        if (slash <= 0 || slash == mediaRange.length() - 1) {
            return Optional.empty();
        }
        BigDecimal weight = BigDecimal.ONE;
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
                try {
                    weight = new BigDecimal(parameter[1].trim());
                } catch (NumberFormatException notANumber) {
                    return Optional.empty();
                }
            }
        }
        if (weight.signum() < 0 || weight.compareTo(BigDecimal.ONE) > 0) {
            return Optional.empty();
        }
        return Optional.of(new Range(mediaRange.substring(0, slash), mediaRange.substring(slash + 1), weight));
    }
}
