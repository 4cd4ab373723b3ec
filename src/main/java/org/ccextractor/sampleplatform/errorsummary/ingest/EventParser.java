package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;
import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;
import org.ccextractor.sampleplatform.errorsummary.ingest.ErrorEvent.Kind;
import org.ccextractor.sampleplatform.errorsummary.ingest.InvalidEventException.Reason;

/**
 * Reads a record value into an {@link ErrorEvent} in one pass over its JSON tokens, checking every rule of
 * schemas/error-event.schema.json on the way (EventContractTest holds the two together on a corpus of valid and
 * invalid events). A value is refused with the first reason that applies, in this order: no value, too large, not
 * strict UTF-8 (also: UTF-16 or UTF-32), not JSON (also: a property named twice, data after the value), not an
 * object, an unknown kind, then every broken schema rule at once.
 * <p>
 * Nothing is rounded or repaired: an integer field takes only a number whose exact value is an integer, and a
 * string that PostgreSQL could not hold as it was sent (U+0000, an unpaired surrogate, which its UTF-8 encoding
 * would replace) is refused, so that two different strings can never become one stored key.
 */
@ApplicationScoped
public class EventParser {

    /**
     * The schema's occurred_at: RFC 3339 with upper-case T and Z, at most nine fraction digits, seconds 00-59 (a leap
     * second is read by {@link Fields#occurredAt()}); the offset -00:00 reads as UTC, which RFC 3339 section 4.3 says
     * it is.
     */
    static final DateTimeFormatter OCCURRED_AT = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4)
            .appendLiteral('-').appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2)
            .appendLiteral('T').appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    /** The years occurred_at may name: any offset then leaves its UTC year within 0000-9999, four digits. */
    static final int FIRST_YEAR = 1;
    static final int LAST_YEAR = 9998;
    /** Where occurred_at's seconds are: each field before them has a fixed width. */
    private static final int SECONDS = "2026-11-28T12:00:".length();
    /** RFC 3339 section 5.6: time-second 60 is a leap second. */
    private static final String LEAP_SECOND = "60";
    /** A leap second counts as the last microsecond of its minute: the last instant PostgreSQL stores before the next. */
    private static final int LAST_MICROSECOND = 999_999_000;

    private static final List<String> KINDS = Arrays.stream(Kind.values()).map(WireNames::of).toList();
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    /** commit and base_commit: a Git object name, SHA-1 or SHA-256, in lower-case hex. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final int maxBytes;

    @Inject
    public EventParser(ErrorSummaryConfig config) {
        this(config.ingest().maxEventBytes());
    }

    /** @param maxBytes larger values are refused as too_large */
    public EventParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param value a record value as it was read from the topic, null for a tombstone
     * @throws InvalidEventException with the reason code and a sentence naming each broken rule
     */
    public ErrorEvent parse(byte[] value) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException(Reason.NO_VALUE, "The record has no value (a tombstone).");
        }
        if (value.length > maxBytes) {
            throw new InvalidEventException(Reason.TOO_LARGE,
                    "The value has " + value.length + " bytes; at most " + maxBytes + " are accepted.");
        }
        checkUtf8(value);
        Fields fields = new Fields();
        try (JsonParser parser = json.createParser(value)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidEventException(Reason.NOT_JSON, "The value is not JSON: it is empty.");
            }
            if (first == JsonToken.START_OBJECT) {
                readObject(parser, fields);
            } else {
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new InvalidEventException(Reason.NOT_JSON, "The value is not JSON: data follows it.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidEventException(Reason.NOT_AN_OBJECT, "The value is JSON but not an object.");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(Reason.NOT_JSON, "The value is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException(Reason.NOT_JSON, "The value is not JSON: " + e.getMessage());
        }
        return fields.event();
    }

    private static void readObject(JsonParser parser, Fields fields) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            fields.checkText("$", name);
            JsonToken token = parser.nextToken();
            switch (name) {
                case "kind" -> fields.kind = text(parser, token, fields, "$.kind");
                case "event_id" -> fields.eventId = text(parser, token, fields, "$.event_id");
                case "run_id" -> fields.runId = id(parser, token, fields, "$.run_id", false);
                case "occurred_at" -> fields.occurredAt = text(parser, token, fields, "$.occurred_at");
                case "type" -> fields.type = text(parser, token, fields, "$.type");
                case "severity" -> fields.severity = text(parser, token, fields, "$.severity");
                case "sample_id" -> fields.sampleId = id(parser, token, fields, "$.sample_id", true);
                case "regression_id" -> fields.regressionId = id(parser, token, fields, "$.regression_id", true);
                case "categories" -> fields.categories = categories(parser, token, fields);
                case "message" -> fields.message = text(parser, token, fields, "$.message");
                case "branch" -> fields.branch = raw(parser, token, fields, "$.branch");
                case "platform" -> fields.platform = raw(parser, token, fields, "$.platform");
                case "commit" -> fields.commit = raw(parser, token, fields, "$.commit");
                case "base_commit" -> fields.baseCommit = raw(parser, token, fields, "$.base_commit");
                case "tests_expected" -> fields.testsExpected = raw(parser, token, fields, "$.tests_expected");
                case "tests_run" -> fields.testsRun = raw(parser, token, fields, "$.tests_run");
                case "output_hash" -> fields.outputHash = raw(parser, token, fields, "$.output_hash");
                default -> skip(parser, token, fields, "$." + name);
            }
        }
    }

    /** A string value's text; anything else is a violation (and is still read through, for its strings). */
    private static String text(JsonParser parser, JsonToken token, Fields fields, String path) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            fields.checkText(path, text);
            return text;
        }
        fields.violation(path, "must be a string");
        skip(parser, token, fields, path);
        return null;
    }

    /**
     * An id: a number whose exact value is an integer from 1 to 2^63-1 ({@link Fields#integer}), or null where
     * {@code nullable}. Returns null when absent, null or broken (then a violation is noted).
     */
    private static Long id(JsonParser parser, JsonToken token, Fields fields, String path, boolean nullable) throws IOException {
        if (token == JsonToken.VALUE_NULL && nullable) {
            return null;
        }
        if (!token.isNumeric()) {
            fields.violation(path, nullable ? "must be an integer or null" : "must be an integer");
            skip(parser, token, fields, path);
            return null;
        }
        // The common case, a plain integer Jackson holds as an int or a long, is exact as it is; any other form
        // (a fraction, an exponent, more digits) is read from its text.
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                && parser.getLongValue() >= 1) {
            return parser.getLongValue();
        }
        return fields.integer(path, parser.getText(), 1, Long.MAX_VALUE);
    }

    /**
     * A value whose rules depend on the event's kind, which may come after it in the object: kept as it was read, its
     * strings checked as every string is, and checked against its kind's rules by {@link Fields#event()}.
     */
    private static Raw raw(JsonParser parser, JsonToken token, Fields fields, String path) throws IOException {
        Raw raw = new Raw(path, token, token == JsonToken.VALUE_STRING || token.isNumeric() ? parser.getText() : null);
        skip(parser, token, fields, path);
        return raw;
    }

    /** A value as read: its token, and the text of a string or a number (null for any other value). */
    private record Raw(String path, JsonToken token, String text) {
    }

    private static List<String> categories(JsonParser parser, JsonToken token, Fields fields) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            fields.violation("$.categories", "must be an array");
            skip(parser, token, fields, "$.categories");
            return null;
        }
        List<String> categories = new ArrayList<>();
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            String category = text(parser, item, fields, "$.categories[" + categories.size() + "]");
            categories.add(category);
        }
        return categories;
    }

    /** Reads through a value nobody keeps, checking its strings and names as the schema's I-JSON rule asks. */
    private static void skip(JsonParser parser, JsonToken token, Fields fields, String path) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            fields.checkText(path, parser.getText());
        } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            for (JsonToken inner = parser.nextToken(); inner != JsonToken.END_OBJECT && inner != JsonToken.END_ARRAY;
                    inner = parser.nextToken()) {
                if (inner == JsonToken.FIELD_NAME) {
                    fields.checkText(path, parser.currentName());
                    inner = parser.nextToken();
                }
                skip(parser, inner, fields, path);
            }
        }
    }

    /**
     * Refuses a value that is not UTF-8: JSON exchanged between systems is UTF-8 (RFC 8259 section 8.1), and Jackson,
     * given the bytes, would read UTF-16 or UTF-32 as what their first bytes say. Those show there as RFC 4627 section
     * 3 detects them, a NUL byte among the first four, which no UTF-8 JSON text has (a U+0000 in it is escaped, RFC
     * 8259 section 7); their byte order marks are never UTF-8, so the decoder refuses them. Java's decoder is strict:
     * overlong forms, encoded surrogates and code points past U+10FFFF are errors. It runs only on a value with a
     * byte above 0x7F, as ASCII is UTF-8; Jackson then reads the bytes as UTF-8, skipping a UTF-8 byte order mark, as
     * section 8.1 lets a parser do.
     */
    private static void checkUtf8(byte[] value) throws InvalidEventException {
        for (int i = 0; i < Math.min(value.length, 4); i++) {
            if (value[i] == 0) {
                throw new InvalidEventException(Reason.NOT_UTF8,
                        "The value is not UTF-8 text: a NUL byte begins it, as UTF-16 or UTF-32 writes (JSON is UTF-8, RFC 8259 8.1).");
            }
        }
        for (byte b : value) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value));
                    return;
                } catch (CharacterCodingException notUtf8) {
                    throw new InvalidEventException(Reason.NOT_UTF8, "The value is not UTF-8 text.");
                }
            }
        }
    }

    /** What the value says, field by field, and every schema rule it breaks. */
    private static final class Fields {
        String kind;
        String eventId;
        Long runId;
        String occurredAt;
        String type;
        String severity;
        Long sampleId;
        Long regressionId;
        List<String> categories;
        String message;
        Raw branch;
        Raw platform;
        Raw commit;
        Raw baseCommit;
        Raw testsExpected;
        Raw testsRun;
        Raw outputHash;
        final Set<String> violations = new TreeSet<>();

        void violation(String path, String rule) {
            violations.add(path + ": " + rule);
        }

        /** U+0000 and unpaired surrogates: text that PostgreSQL cannot store as it was sent. */
        void checkText(String path, String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0) {
                    violation(path, "contains U+0000");
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    violation(path, "is not Unicode text (an unpaired surrogate)");
                }
            }
        }

        ErrorEvent event() throws InvalidEventException {
            if (kind != null && !KINDS.contains(kind)) {
                throw new InvalidEventException(Reason.UNKNOWN_KIND,
                        "Unknown kind \"" + kind + "\"; known kinds are " + String.join(", ", KINDS) + ".", eventId);
            }
            required("$.kind", kind);
            required("$.event_id", eventId);
            length("$.event_id", eventId, 1, 100);
            required("$.run_id", runId);
            required("$.occurred_at", occurredAt);
            OffsetDateTime at = occurredAt == null ? null : occurredAt();
            Kind known = kind == null ? null : WireNames.find(Kind.values(), kind).orElseThrow(); // unknown ones thrown above
            boolean error = known == Kind.ERROR;
            if (error) {
                required("$.type", type);
                required("$.severity", severity);
            }
            if (type != null && !TYPE.matcher(type).matches()) {
                violation("$.type", "must match ^[a-z][a-z0-9_]{0,99}$");
            }
            Severity level = severity == null ? null : WireNames.find(Severity.values(), severity).orElse(null);
            if (severity != null && level == null) {
                violation("$.severity", "must be one of " + WireNames.list(Severity.values()));
            }
            if (categories != null) {
                if (categories.size() > 16) {
                    violation("$.categories", "must have at most 16 items");
                }
                if (new HashSet<>(categories).size() < categories.size()) {
                    violation("$.categories", "must not repeat an item");
                }
                for (int i = 0; i < categories.size(); i++) {
                    length("$.categories[" + i + "]", categories.get(i), 1, 64);
                }
            }
            length("$.message", message, 0, 1000);
            // Each field of some kinds only is checked on those; on the others it is an unknown property, ignored, as
            // it was before the schema defined it.
            String hash = error ? string(outputHash, 1, 128) : null;
            RunMetadata metadata = null;
            if (known == Kind.RUN_CREATED) {
                metadata = new RunMetadata(string(branch, 1, 255), string(platform, 1, 64), objectName(commit),
                        objectName(baseCommit), count(testsExpected), null);
            } else if (known == Kind.RUN_COMPLETED) {
                required("$.tests_run", testsRun);
                metadata = new RunMetadata(null, null, null, null, count(testsExpected), count(testsRun));
            }
            if (RunMetadata.NONE.equals(metadata)) {
                metadata = null; // a run_created that says nothing of its run needs no metadata read in its batch
            }
            if (!violations.isEmpty()) {
                throw new InvalidEventException(Reason.SCHEMA_VIOLATION, String.join("; ", violations), eventId);
            }
            return new ErrorEvent(known, eventId, runId, at, error ? type : null, error ? level : null, sampleId,
                    regressionId, categories, hash, metadata);
        }

        /**
         * The integer a JSON number's text names exactly (7.0 is 7; read as a decimal, never through a double), from
         * {@code min} to {@code max}; else null, and a violation is noted.
         */
        Long integer(String path, String text, long min, long max) {
            try {
                BigDecimal number = new BigDecimal(text);
                if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
                    violation(path, "must be an integer, not " + text);
                    return null;
                }
                if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
                    violation(path, "must be between " + min + " and " + max + ", not " + text);
                    return null;
                }
                return number.longValueExact();
            } catch (NumberFormatException | ArithmeticException beyondBigDecimal) {
                // Jackson bounds a number's digits, not its exponent: one past BigDecimal's scale (1e2147483648,
                // 100e2147483647) is 0, far above any bound or far from any integer, so never in range.
                violation(path, "must be an integer from " + min + " to " + max + ", not " + text + " ("
                        + beyondBigDecimal.getMessage() + ")");
                return null;
            }
        }

        /** A string of {@code min} to {@code max} characters, or null when absent. */
        private String string(Raw raw, int min, int max) {
            if (raw == null) {
                return null;
            }
            if (raw.token() != JsonToken.VALUE_STRING) {
                violation(raw.path(), "must be a string");
                return null;
            }
            length(raw.path(), raw.text(), min, max);
            return raw.text();
        }

        /** A commit's object name, or null when absent. */
        private String objectName(Raw raw) {
            String name = string(raw, 40, 64);
            if (name != null && !OBJECT_NAME.matcher(name).matches()) {
                violation(raw.path(), "must be 40 or 64 lower-case hex digits (a SHA-1 or SHA-256 object name)");
            }
            return name;
        }

        /** A number of tests, 0 to 2^31-1, or null when absent. */
        private Integer count(Raw raw) {
            if (raw == null) {
                return null;
            }
            if (!raw.token().isNumeric()) {
                violation(raw.path(), "must be an integer");
                return null;
            }
            Long count = integer(raw.path(), raw.text(), 0, Integer.MAX_VALUE);
            return count == null ? null : count.intValue();
        }

        /**
         * A leap second (RFC 3339 sections 5.6 and 5.7) is accepted at any date and minute, as its form allows: which
         * leap seconds are real is a table that a producer's clock knows better than this service. It is read as
         * second 59 of its minute, fraction and all, then counted as that minute's last microsecond.
         */
        private OffsetDateTime occurredAt() {
            boolean leapSecond = occurredAt.startsWith(LEAP_SECOND, SECONDS);
            String text = leapSecond ? occurredAt.substring(0, SECONDS) + "59" + occurredAt.substring(SECONDS + 2) : occurredAt;
            try {
                OffsetDateTime at = OffsetDateTime.parse(text, OCCURRED_AT);
                if (at.getYear() < FIRST_YEAR || at.getYear() > LAST_YEAR) {
                    violation("$.occurred_at", "must be in the years " + FIRST_YEAR + " to " + LAST_YEAR + ", not " + occurredAt);
                } else {
                    return leapSecond ? at.withNano(LAST_MICROSECOND) : at;
                }
            } catch (DateTimeParseException e) {
                violation("$.occurred_at", "must be an RFC 3339 date-time such as 2026-11-28T12:03:10.250+01:00, not " + occurredAt);
            }
            return null;
        }

        private void required(String path, Object value) {
            if (value == null && violations.stream().noneMatch(v -> v.startsWith(path + ":"))) {
                violation(path, "is required");
            }
        }

        /** Lengths in code points, as JSON Schema counts them (a string's surrogate pairs were checked before). */
        private void length(String path, String text, int min, int max) {
            if (text != null) {
                int length = text.codePointCount(0, text.length());
                if (length < min || length > max) {
                    violation(path, "must have " + min + " to " + max + " characters, not " + length);
                }
            }
        }
    }
}
