package org.ccextractor.sampleplatform.errorsummary.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ccextractor.sampleplatform.errorsummary.local.Events;

/**
 * Event values that producers get wrong, found in public bug reports against JSON parsers, PostgreSQL drivers and
 * date-time libraries: edge cases by name (among them values in UTF-16 and UTF-32, which JSON between systems must
 * not be, RFC 8259 section 8.1), and seeded random mutations of valid events (bytes flipped, strings with
 * NUL, unpaired surrogates or odd code points, numbers fractional, huge or in exponent form, odd date-times, deep or
 * huge values, broken structure). Whether each must be counted is for {@link EventContract} to say.
 */
public final class EventCorpus {

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    /** Texts put into a string field, as they stand inside a JSON string literal (escapes left as written). */
    static final List<String> ODD_TEXT = List.of("\\u0000", "a\\u0000b", "\\ud800", "x\\udc00", "\\udbff\\udfff",
            "\\ud83d\\ude00", "😀", "\\uFEFF", "\uFFFE", "\\u001f", "\u202E", "e\u0301", "中文", "\\\\", "\\\"", "\\/",
            "\\ud800\\ud800", "\\udc00\\ud800");
    /** Byte sequences put into a string field: none of them is strict UTF-8. */
    static final List<byte[]> BAD_UTF8 = List.of(bytes("C0AF"), bytes("EDA080"), bytes("F4908080"), bytes("F888808080"),
            bytes("E282"), bytes("FF"), bytes("80"), bytes("EDB080"));
    static final List<String> ODD_NUMBERS = List.of("7.0", "7.5", "1e3", "1E+2", "-0", "0.0", "0", "-1", "9223372036854775807",
            "9223372036854775808", "7705.99999999999999999", "1e19", "1e-5", "12345678901234567890123", "1.0e0", "0.7e1",
            "70e-1", "1e400", "1e999999999", "-9223372036854775808", "9223372036854775807.0", "00", "+1", ".5", "1.", "0x10",
            "NaN", "Infinity", "\"7\"", "true", "null", "[]", "{}");
    /**
     * Odd ways to write an id: where one is exact, it is {@code id} itself, so that a mutated event counts in the run
     * it came from.
     */
    static List<String> oddNumbers(long id) {
        return List.of(id + ".0", id + ".5", id + "e0", id + "0e-1", id + ".00000000000000000001", (id - 1) + ".99999999999999999",
                "-" + id, "0", "0.0", "-0", "1e19", "9223372036854775808", "1e400", "12345678901234567890123", "\"" + id + "\"",
                "null", "true", "[]", "{}", "1e-5");
    }

    static final List<String> ODD_TIMES = List.of("0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00",
            "9998-12-31T23:59:59.999999999-18:00", "9999-01-01T00:00:00Z", "2026-11-28t12:00:00z", "2026-11-28T12:00:00z",
            "2026-11-28T23:59:60Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-11-28T12:00:00+19:00",
            "2026-11-28T12:00:00+18:00", "2026-11-28T12:00:00-18:01", "2026-11-28T12:00Z", "2026-11-28T12:00:00.1234567891Z",
            "2026-11-28T12:00:00.Z", "2026-11-28 12:00:00Z", "+2026-11-28T12:00:00Z", "2026-11-28T12:00:00-00:00",
            "2026-11-28T24:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-28T12:00:00.000000001+05:30",
            "20261128T120000Z", "2026-11-28T12:00:00.9999995Z", "2026-11-28T12:00:00+0100", "2026-W48-6T12:00:00Z",
            "1969-12-31T23:59:59.999Z", "2026-11-28T12:00:00,5Z", "２０２６-11-28T12:00:00Z", "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60.5Z", "2017-01-01T08:59:60+09:00", "2026-11-28T12:00:60.999999999-00:00",
            "9998-12-31T23:59:60-18:00", "0001-01-01T00:00:00-00:00", "2026-11-28T12:00:61Z", "2026-11-28T12:00:60.Z",
            "2026-11-28T12:60:00Z", "1999-12-31T23:59:59.9999999Z", "1969-12-31T23:59:59.9999999Z",
            "0001-01-01T00:00:00.0000005Z");

    private EventCorpus() {
    }

    /** A valid error event of {@code run} with random fields; its event id is {@code eventId}. */
    public static ObjectNode validError(Random random, long run, String eventId) {
        List<String> categories = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> List.of();
            case 2 -> List.of("DVB");
            default -> List.of("DVB", "MP4", "teletext".substring(random.nextInt(4)));
        };
        ObjectNode event = Events.error(eventId, run, AT.plusMillis(random.nextInt(3_600_000)),
                List.of("build", "diff_mismatch", "queue", "test_failure").get(random.nextInt(4)),
                ExpectedSummary.SEVERITIES.get(random.nextInt(4)),
                random.nextBoolean() ? null : 1L + random.nextInt(5), random.nextBoolean() ? null : 100L + random.nextInt(3),
                categories);
        if (random.nextInt(4) == 0) {
            event.put("worker", "w" + random.nextInt(10));
        }
        return event;
    }

    /** Values by name, each one of the cases above put into an otherwise valid event. */
    public static Map<String, byte[]> edgeCases() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        Random random = new Random(7);
        for (String field : List.of("event_id", "type", "message", "category", "unknown property", "property name")) {
            for (String text : ODD_TEXT) {
                cases.put(field + " with " + text, withText(validError(random, 7, "edge"), field, text));
            }
            for (byte[] bad : BAD_UTF8) {
                cases.put(field + " with bytes " + HexFormat.of().formatHex(bad), withBytes(validError(random, 7, "edge"), field, bad));
            }
        }
        for (String field : List.of("run_id", "sample_id", "regression_id")) {
            for (String number : ODD_NUMBERS) {
                cases.put(field + " " + number, withRaw(validError(random, 7, "edge"), field, number));
            }
        }
        for (String time : ODD_TIMES) {
            cases.put("occurred_at " + time, withRaw(validError(random, 7, "edge"), "occurred_at", "\"" + time + "\""));
        }
        cases.put("event_id of 100 astral characters", withRaw(validError(random, 7, "edge"), "event_id", "\"" + "😀".repeat(100) + "\""));
        cases.put("event_id of 101 astral characters", withRaw(validError(random, 7, "edge"), "event_id", "\"" + "😀".repeat(101) + "\""));
        cases.put("category of 64 astral characters", withRaw(validError(random, 7, "edge"), "categories", "[\"" + "😀".repeat(64) + "\"]"));
        cases.put("category of 65 astral characters", withRaw(validError(random, 7, "edge"), "categories", "[\"" + "😀".repeat(65) + "\"]"));
        cases.put("categories differing in a combining mark", withRaw(validError(random, 7, "edge"), "categories", "[\"é\",\"e\u0301\"]"));
        for (int depth : new int[] { 5, 200, 999, 1001, 5000 }) {
            cases.put("unknown property nested " + depth + " deep",
                    withRaw(validError(random, 7, "edge"), "future", "[".repeat(depth) + "]".repeat(depth)));
        }
        cases.put("unknown property of 100,000 numbers", withRaw(validError(random, 7, "edge"), "future",
                "[" + "1,".repeat(99_999) + "1]"));
        cases.put("a property named twice", text(json(validError(random, 7, "edge")).replaceFirst("\\{", "{\"run_id\":8,")));
        cases.put("data after the object", text(json(validError(random, 7, "edge")) + " {}"));
        cases.put("a byte order mark first", concat(bytes("EFBBBF"), text(json(validError(random, 7, "edge")))));
        for (String encoding : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
            for (String byteOrderMark : List.of("", "\uFEFF")) {
                cases.put("encoded in " + encoding + (byteOrderMark.isEmpty() ? "" : " with a byte order mark"),
                        (byteOrderMark + json(validError(random, 7, "edge"))).getBytes(Charset.forName(encoding)));
            }
        }
        runMetadataCases(cases, random);
        cases.put("run_created with a type", text(json(Events.runCreated("edge", 7, AT).put("type", "build"))));
        cases.put("run_created with a bad type", text(json(Events.runCreated("edge", 7, AT).put("type", "Build"))));
        cases.put("kind a number", withRaw(validError(random, 7, "edge"), "kind", "5"));
        cases.put("empty value", new byte[0]);
        cases.put("only white space", text(" \n"));
        return cases;
    }

    /** A SHA-1 object name, and one of SHA-256, as commit and base_commit carry them. */
    static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";
    static final String SHA256 = SHA1 + "89abcdef0123456789abcdef";
    static final List<String> ODD_OBJECT_NAMES = List.of(SHA1, SHA256, SHA1.toUpperCase(), SHA1.substring(1), SHA1 + "8",
            SHA256.substring(1), SHA256 + "0", SHA1.replace('a', 'g'), " " + SHA1, SHA1 + "\n", "", "HEAD",
            SHA1 + SHA1.substring(0, 24) + "0");
    /** Numbers of tests as they may be written, around the bounds 0 and 2^31-1. */
    static final List<String> ODD_COUNTS = List.of("0", "-0", "3", "3.0", "30e-1", "2147483647", "2147483648",
            "2.147483647e9", "-1", "3.5", "1e400", "1e2147483648", "\"3\"", "null", "true", "[]", "{}");

    /**
     * The fields of some kinds only (output_hash on error; branch, platform, commit, base_commit and tests_expected on
     * run_created; tests_expected and tests_run on run_completed), each valid and broken, and on the kinds that do not
     * carry them, where they are unknown properties. All in run 7, with values that conflict with one another: each is
     * a case for the parser, not a run's history (names begin with "metadata" where they do).
     */
    private static void runMetadataCases(Map<String, byte[]> cases, Random random) {
        ObjectNode created = Events.runCreated("edge", 7, AT).put("branch", "master").put("platform", "linux")
                .put("commit", SHA1).put("base_commit", SHA256).put("tests_expected", 237);
        ObjectNode completed = Events.runCompleted("edge", 7, AT, 237, 236);
        cases.put("metadata run_created with every field", text(json(created)));
        cases.put("metadata run_completed with every field", text(json(completed)));
        cases.put("metadata run_completed without tests_expected", text(json(completed.deepCopy().without("tests_expected"))));
        cases.put("metadata run_completed without tests_run", text(json(completed.deepCopy().without("tests_run"))));
        for (String field : List.of("branch", "platform")) {
            for (String text : ODD_TEXT) {
                cases.put("metadata " + field + " with " + text, withText(created, field, text));
            }
            for (byte[] bad : BAD_UTF8) {
                cases.put("metadata " + field + " with bytes " + HexFormat.of().formatHex(bad), withBytes(created, field, bad));
            }
        }
        for (String text : ODD_TEXT) {
            cases.put("output_hash with " + text, withText(validError(random, 7, "edge"), "output_hash", text));
        }
        for (Map.Entry<String, Integer> limit : List.of(Map.entry("branch", 255), Map.entry("platform", 64), Map.entry("output_hash", 128))) {
            ObjectNode base = limit.getKey().equals("output_hash") ? validError(random, 7, "edge") : created;
            String field = limit.getKey();
            int most = limit.getValue();
            String prefix = field.equals("output_hash") ? "" : "metadata ";
            cases.put(prefix + field + " of " + most + " astral characters", withRaw(base, field, "\"" + "😀".repeat(most) + "\""));
            cases.put(prefix + field + " of " + (most + 1) + " characters", withRaw(base, field, "\"" + "x".repeat(most + 1) + "\""));
            for (String raw : List.of("\"\"", "5", "null", "[\"x\"]", "{}")) {
                cases.put(prefix + field + " " + raw, withRaw(base, field, raw));
            }
        }
        for (String field : List.of("commit", "base_commit")) {
            for (String name : ODD_OBJECT_NAMES) {
                cases.put("metadata " + field + " \"" + name + "\"", withRaw(created, field, "\"" + name + "\""));
            }
            cases.put("metadata " + field + " 5", withRaw(created, field, "5"));
        }
        for (String number : ODD_COUNTS) {
            cases.put("metadata run_created tests_expected " + number, withRaw(created, "tests_expected", number));
            cases.put("metadata run_completed tests_expected " + number, withRaw(completed, "tests_expected", number));
            cases.put("metadata run_completed tests_run " + number, withRaw(completed, "tests_run", number));
        }
        // Where a kind does not carry a field, it is an unknown property, as it was before the field was defined.
        cases.put("error with run metadata", text(json(validError(random, 7, "edge").put("branch", 5).put("commit", "HEAD")
                .put("tests_expected", -1).put("tests_run", "all"))));
        cases.put("run_created with output_hash and tests_run", text(json(Events.runCreated("edge", 7, AT)
                .put("output_hash", 5).put("tests_run", -1))));
        cases.put("run_completed with branch", text(json(completed.deepCopy().put("branch", "").put("output_hash", ""))));
        cases.put("metadata run_deleted with every field", text(json(created.deepCopy().put("kind", "run_deleted").put("commit", "x")
                .put("tests_run", "x"))));
        cases.put("field of another kind with U+0000", withText(validError(random, 7, "edge"), "branch", "a\\u0000"));
    }

    /** Exponents around BigDecimal's scale (a 32-bit int) and past it, and ordinary ones. */
    static final List<Long> EXPONENTS = List.of(0L, 1L, 2L, 19L, 400L, Integer.MAX_VALUE - 1L, (long) Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L, 9_999_999_999L, Long.MAX_VALUE);

    /**
     * A random JSON number (or a near miss of one) written for the id {@code id}: its sign, leading zeros, fraction
     * digits, exponent letter, sign and size vary, exponents included that no BigDecimal holds. Where the number is
     * exactly an integer in the ids' range, it is {@code id} itself or {@code id} times a power of ten, so that a
     * mutated event counts in a run of its own test.
     */
    public static String numericForm(Random random, long id) {
        long exponent = EXPONENTS.get(random.nextInt(EXPONENTS.size()));
        if (random.nextInt(4) == 0) {
            // A fraction below 1, then scaled far past any id (or not at all): never an id of another test's run.
            String fraction = "0." + "0".repeat(random.nextInt(30)) + (1 + random.nextInt(9));
            return fraction + (exponent < 400 ? "" : pick(random, "e", "E+", "e-") + exponent);
        }
        String digits = Long.toString(id);
        int zeros = random.nextInt(4);
        String mantissa = switch (random.nextInt(3)) {
            case 0 -> digits + "0".repeat(zeros); // exact with the exponent -zeros
            case 1 -> digits + "." + "0".repeat(zeros);
            default -> digits.charAt(0) + "." + digits.substring(1) + "0".repeat(zeros);
        };
        String exponentText = switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "e-" + zeros;
            case 2 -> "E+" + exponent;
            case 3 -> "e-" + exponent;
            case 4 -> "e" + exponent + "0".repeat(random.nextInt(25));
            default -> "e" + (digits.length() - 1 - zeros);
        };
        String sign = switch (random.nextInt(8)) {
            case 0 -> "-";
            case 1 -> "+";
            case 2 -> "0";
            default -> "";
        };
        return sign + mantissa + exponentText;
    }

    /** A random mutation of a valid event: often still valid, often not. */
    public static byte[] mutate(Random random, ObjectNode valid) {
        return switch (random.nextInt(10)) {
            case 9 -> {
                String field = pick(random, "run_id", "sample_id", "regression_id");
                yield withRaw(valid, field, numericForm(random, valid.path(field).asLong(1)));
            }
            case 0 -> flipBytes(random, text(json(valid)));
            case 1 -> withText(valid, pick(random, "event_id", "type", "message", "category", "unknown property", "property name"),
                    pick(random, ODD_TEXT.toArray(String[]::new)));
            case 2 -> withBytes(valid, pick(random, "event_id", "message", "category", "unknown property"),
                    BAD_UTF8.get(random.nextInt(BAD_UTF8.size())));
            case 3 -> {
                String field = pick(random, "run_id", "sample_id", "regression_id");
                yield withRaw(valid, field, pick(random, oddNumbers(valid.path(field).asLong(1)).toArray(String[]::new)));
            }
            case 4 -> withRaw(valid, "occurred_at", "\"" + pick(random, ODD_TIMES.toArray(String[]::new)) + "\"");
            case 5 -> {
                ObjectNode copy = valid.deepCopy();
                copy.remove(pick(random, "kind", "event_id", "run_id", "occurred_at", "type", "severity", "categories"));
                yield text(json(copy));
            }
            case 6 -> withRaw(valid, pick(random, "kind", "event_id", "run_id", "occurred_at", "type", "severity", "categories", "message"),
                    pick(random, "null", "true", "[]", "{}", "\"\"", "-1", "\"error\"", "\"run_created\"", "\"run_deleted\"", "[\"x\",\"x\"]"));
            case 7 -> {
                byte[] whole = text(json(valid));
                yield java.util.Arrays.copyOf(whole, random.nextInt(whole.length));
            }
            default -> {
                ObjectNode copy = valid.deepCopy();
                ArrayNode categories = copy.putArray("categories");
                int count = 14 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    categories.add(random.nextInt(20) == 0 ? "dup" : "c" + i);
                }
                yield text(json(copy));
            }
        };
    }

    private static byte[] withText(ObjectNode event, String field, String rawText) {
        return withBytes(event, field, rawText.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes, raw, inside the string of {@code field} (a category, a new property's value or name, or a field's value). */
    private static byte[] withBytes(ObjectNode event, String field, byte[] inside) {
        String marker = "MARKER-7f3a";
        ObjectNode copy = event.deepCopy();
        switch (field) {
            case "category" -> copy.putArray("categories").add("c-" + marker);
            case "unknown property" -> copy.putObject("future").put("note", "n-" + marker);
            case "property name" -> copy.put("p-" + marker, 1);
            default -> copy.put(field, field.equals("type") ? "t" + marker.toLowerCase().replace('-', '_') : "v-" + marker);
        }
        String text = json(copy);
        String target = field.equals("type") ? marker.toLowerCase().replace('-', '_') : marker;
        int at = text.indexOf(target);
        return concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8), inside,
                text.substring(at + target.length()).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code field}'s value replaced by the JSON text {@code raw}. */
    private static byte[] withRaw(ObjectNode event, String field, String raw) {
        ObjectNode copy = event.deepCopy();
        copy.put(field, "RAW-7f3a");
        return text(json(copy).replace("\"RAW-7f3a\"", raw));
    }

    private static byte[] flipBytes(Random random, byte[] value) {
        byte[] flipped = value.clone();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
        }
        return flipped;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    public static String json(ObjectNode event) {
        try {
            return Events.JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Printable for a failure message: the first 300 characters, bytes that are not UTF-8 as U+FFFD. */
    public static String show(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
