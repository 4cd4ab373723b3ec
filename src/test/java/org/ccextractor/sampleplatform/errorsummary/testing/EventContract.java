package org.ccextractor.sampleplatform.errorsummary.testing;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What schemas/error-event.schema.json accepts, decided independently of the service's parser: the value decoded by
 * Java's strict UTF-8 decoder (a byte order mark first ignored), the text read by Jackson into a tree (numbers
 * exactly, a property named twice or trailing data refused), its strings checked against the schema's description
 * (Unicode text without U+0000), then validated by networknt's JSON Schema validator with format assertions
 * ({@link Contract}: date-time as RFC 3339 writes it).
 */
public final class EventContract {

    private static final JsonMapper TREE = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonMapper DOUBLES = TREE.rebuild().disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static final Pattern LEAP_SECOND = Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:)60(\\.[0-9]+)?");

    private EventContract() {
    }

    /** The value as a tree when the contract accepts it, else empty. */
    public static Optional<JsonNode> accepted(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
            // RFC 8259 section 8.1: a parser may ignore a byte order mark first. The text, never the bytes, is read:
            // Jackson would take bytes in UTF-16 or UTF-32 for what they say.
            String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
            try {
                return accepted(TREE, json);
            } catch (NumberFormatException | ArithmeticException beyondBigDecimal) {
                // A number whose exponent no BigDecimal holds (Jackson's reader or the validator's comparison fails on
                // it): as a double it is what it is to the schema, infinite or zero, so never an id from 1 to 2^63-1,
                // and a number where any is allowed. The corpus changes one number at a time, so no other number of
                // such a value needs BigDecimal's exactness.
                return accepted(DOUBLES, json);
            }
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /**
     * The instant an accepted occurred_at names, as the schema's description says: a leap second (RFC 3339 section
     * 5.6) is the last microsecond of its minute, whatever its fraction; -00:00 is UTC (section 4.3), as Java reads it.
     */
    public static Instant instant(String occurredAt) {
        Matcher leapSecond = LEAP_SECOND.matcher(occurredAt);
        String text = leapSecond.lookingAt() ? leapSecond.group(1) + "59.999999" + occurredAt.substring(leapSecond.end()) : occurredAt;
        return OffsetDateTime.parse(text).toInstant();
    }

    private static Optional<JsonNode> accepted(JsonMapper reader, String json) throws IOException {
        JsonNode tree = reader.readTree(json);
        if (tree == null || !tree.isObject() || !unicodeText(tree)) {
            return Optional.empty();
        }
        return Contract.violations(Contract.EVENT, exactIntegers((ObjectNode) tree)).isEmpty() ? Optional.of(tree) : Optional.empty();
    }

    private static final BigDecimal BEYOND_LONG = new BigDecimal(BigInteger.TWO.pow(64));

    /**
     * The object with each of its numbers that is an integer written as a decimal (7.0, 2.008E+19) as an integer
     * node: networknt compares a decimal node with an integer {@code minimum} or {@code maximum} through
     * {@code asLong()}, which wraps (2.008E+19 passed maximum 2^63-1). One beyond 2^64 either way stands as 2^64,
     * which every bound of the schema says the same of, so that 1E+2147483647 is not expanded.
     */
    private static ObjectNode exactIntegers(ObjectNode tree) {
        ObjectNode copy = tree.deepCopy();
        tree.fields().forEachRemaining(field -> {
            JsonNode node = field.getValue();
            if (node.isBigDecimal() && node.decimalValue().signum() == 0) {
                copy.put(field.getKey(), BigInteger.ZERO);
            } else if (node.isBigDecimal() && node.decimalValue().stripTrailingZeros().scale() <= 0) {
                BigDecimal value = node.decimalValue();
                copy.put(field.getKey(), value.abs().compareTo(BEYOND_LONG) > 0
                        ? BEYOND_LONG.toBigInteger().multiply(BigInteger.valueOf(value.signum())) : value.toBigIntegerExact());
            }
        });
        return copy;
    }

    /** Every string and property name is a sequence of Unicode scalar values other than U+0000. */
    private static boolean unicodeText(JsonNode node) {
        if (node.isTextual()) {
            return unicodeText(node.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!unicodeText(field.getKey()) || !unicodeText(field.getValue())) {
                return false;
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!unicodeText(item)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean unicodeText(String text) {
        return text.indexOf('\0') < 0 && text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }
}
