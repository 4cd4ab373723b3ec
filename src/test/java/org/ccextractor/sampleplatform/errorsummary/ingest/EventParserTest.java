package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ccextractor.sampleplatform.errorsummary.counters.RunMetadata;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;
import org.ccextractor.sampleplatform.errorsummary.ingest.InvalidEventException.Reason;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.Contract;

/** The parser reads every field and says why it refuses; EventContractTest holds it to the schema value by value. */
class EventParserTest {

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    final EventParser parser = new EventParser(1024 * 1024);

    @Test
    void anErrorEventIsReadWithEveryField() throws Exception {
        ObjectNode event = Events.error("e-1", 7, AT, "diff_mismatch", "critical", 12L, 34L, List.of("DVB", "MP4"));
        event.put("occurred_at", "2026-11-28T13:00:00.250+01:00");
        ErrorEvent parsed = parse(event);
        assertEquals(ErrorEvent.Kind.ERROR, parsed.kind());
        assertEquals(7, parsed.runId());
        assertEquals(Instant.parse("2026-11-28T12:00:00.250Z"), parsed.occurredAt().toInstant());
        assertEquals(Severity.CRITICAL, parsed.severity());
        assertEquals(12L, parsed.sampleId());
        assertEquals(34L, parsed.regressionId());
        assertEquals(List.of("DVB", "MP4"), parsed.categories());
    }

    @Test
    void optionalFieldsMayBeNullOrAbsentAndUnknownOnesAreIgnored() throws Exception {
        ObjectNode event = Events.error("e-2", 7, AT, "queue", "info", null, null, null);
        event.putNull("sample_id");
        event.put("worker_version", "2.4.1");
        event.putObject("future").put("nested", true);
        ErrorEvent parsed = parse(event);
        assertNull(parsed.sampleId());
        assertNull(parsed.regressionId());
        assertNull(parsed.categories());
    }

    @Test
    void aRunCreatedEventNeedsNoErrorFields() throws Exception {
        assertEquals(ErrorEvent.Kind.RUN_CREATED, parse(Events.runCreated("c-1", 9, AT)).kind());
    }

    static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";
    static final String SHA256 = SHA1 + "89abcdef0123456789abcdef";

    @Test
    void runMetadataAndAnOutputHashAreRead() throws Exception {
        ObjectNode created = Events.runCreated("c-2", 9, AT).put("branch", "pr/1178").put("platform", "windows")
                .put("commit", SHA1).put("base_commit", SHA256).put("tests_expected", 237);
        assertEquals(new RunMetadata("pr/1178", "windows", SHA1, SHA256, 237, null), parse(created).metadata());
        assertNull(parse(Events.runCreated("c-3", 9, AT)).metadata(), "a run_created that says nothing of its run");
        assertEquals(new RunMetadata(null, null, null, null, 237, 1), parse(Events.runCompleted("d-1", 9, AT, 237, 1)).metadata());
        assertEquals(new RunMetadata(null, null, null, null, null, 0), parse(Events.runCompleted("d-2", 9, AT, null, 0)).metadata());
        ObjectNode error = Events.error("e-5", 9, AT, "build", "error", null, null, null).put("output_hash", "sha256:ab");
        assertEquals("sha256:ab", parse(error).outputHash());
        assertNull(parse(error.without("output_hash")).outputHash());
        assertNull(parse(error).metadata());
    }

    /** A field of other kinds is an unknown property, ignored whatever it holds, as before the schema defined it. */
    @Test
    void aFieldOfAnotherKindIsIgnored() throws Exception {
        ObjectNode error = Events.error("e-6", 9, AT, "build", "error", null, null, null).put("branch", 5)
                .put("tests_run", -1).put("commit", "HEAD");
        assertNull(parse(error).metadata());
        assertNull(parse(Events.runCreated("c-4", 9, AT).put("output_hash", 5).put("tests_run", "x")).outputHash());
        assertNull(parse(Events.runCreated("c-5", 9, AT).put("kind", "run_deleted").put("tests_expected", -1)).metadata());
    }

    /** Each rule of a field that some kinds carry, broken once on such a kind: the schema and the parser refuse it. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "run_created   | branch         | \"\"",
            "run_created   | branch         | 256 x",
            "run_created   | branch         | 5",
            "run_created   | platform       | 65 x",
            "run_created   | platform       | null",
            "run_created   | commit         | \"HEAD\"",
            "run_created   | commit         | \"0123456789ABCDEF0123456789abcdef01234567\"",
            "run_created   | commit         | \"0123456789abcdef0123456789abcdef012345678\"",
            "run_created   | base_commit    | \"0123456789abcdef0123456789abcdef0123456\"",
            "run_created   | base_commit    | 41 x",
            "run_created   | tests_expected | -1",
            "run_created   | tests_expected | 2147483648",
            "run_created   | tests_expected | 3.5",
            "run_completed | tests_expected | \"3\"",
            "run_completed | tests_run      | ",
            "run_completed | tests_run      | null",
            "run_completed | tests_run      | -3",
            "error         | output_hash    | \"\"",
            "error         | output_hash    | 129 x",
            "error         | output_hash    | [\"x\"]",
    })
    void aBrokenRuleOfAKindsOwnFieldIsRefused(String kind, String field, String json) throws Exception {
        ObjectNode event = switch (kind) {
            case "error" -> Events.error("e-7", 7, AT, "build", "error", null, null, null);
            case "run_completed" -> Events.runCompleted("d-3", 7, AT, 3, 3);
            default -> Events.runCreated("c-6", 7, AT);
        };
        assertBroken(event, field, json);
    }

    /**
     * RFC 3339 allows a leap second (time-second 60, sections 5.6 and 5.7), counted as the last microsecond of its
     * minute, fraction or not, and the offset -00:00 (section 4.3: the time in UTC is known, the local offset not).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2016-12-31T23:59:60Z,                 2016-12-31T23:59:59.999999Z",
            "2016-12-31T23:59:60.5Z,               2016-12-31T23:59:59.999999Z",
            "2017-01-01T08:59:60+09:00,            2016-12-31T23:59:59.999999Z",
            "2026-11-28T12:00:60.999999999-00:00,  2026-11-28T12:00:59.999999Z",
            "9998-12-31T23:59:60-18:00,            9999-01-01T17:59:59.999999Z",
            "2026-11-28T12:00:00-00:00,            2026-11-28T12:00:00Z",
            "0001-01-01T00:00:00.5-00:00,          0001-01-01T00:00:00.5Z",
    })
    void aLeapSecondAndAnUnknownLocalOffsetAreCounted(String occurredAt, Instant counted) throws Exception {
        ObjectNode event = Events.error("e-4", 7, AT, "build", "error", null, null, null).put("occurred_at", occurredAt);
        assertEquals(counted, parse(event).occurredAt().toInstant());
    }

    /** Each rule of the schema, broken once: the schema and the parser must both refuse it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing event_id      | event_id      | ",
            "empty event_id        | event_id      | \"\"",
            "event_id too long     | event_id      | 101 x",
            "run_id 0              | run_id        | 0",
            "run_id negative       | run_id        | -3",
            "run_id as text        | run_id        | \"7\"",
            "run_id fraction       | run_id        | 7.5",
            "missing occurred_at   | occurred_at   | ",
            "occurred_at no offset | occurred_at   | \"2026-11-28T12:00:00\"",
            "occurred_at garbage   | occurred_at   | \"yesterday\"",
            "occurred_at a number  | occurred_at   | 1764331200",
            "occurred_at second 61 | occurred_at   | \"2026-11-28T12:00:61Z\"",
            "occurred_at 60 empty fraction | occurred_at | \"2026-11-28T12:00:60.Z\"",
            "occurred_at minute 60 | occurred_at   | \"2026-11-28T12:60:00Z\"",
            "missing type          | type          | ",
            "type with spaces      | type          | \"diff mismatch\"",
            "type upper case       | type          | \"Build\"",
            "missing severity      | severity      | ",
            "unknown severity      | severity      | \"fatal\"",
            "sample_id 0           | sample_id     | 0",
            "sample_id as text     | sample_id     | \"12\"",
            "regression_id 0       | regression_id | 0",
            "categories not array  | categories    | \"DVB\"",
            "17 categories         | categories    | [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\",\"m\",\"n\",\"o\",\"p\",\"q\"]",
            "repeated category     | categories    | [\"DVB\",\"DVB\"]",
            "empty category        | categories    | [\"\"]",
            "message too long      | message       | 1001 x",
            "missing kind          | kind          | ",
    })
    void aBrokenSchemaRuleIsRefused(String rule, String field, String json) throws Exception {
        assertBroken(Events.error("e-3", 7, AT, "build", "error", 1L, 2L, List.of("DVB")), field, json);
    }

    /**
     * {@code event} with {@code field} set to {@code json} (absent when null; "n x" is a string of n x), which both the
     * schema and the parser must refuse, the parser naming the field.
     */
    private void assertBroken(ObjectNode event, String field, String json) throws Exception {
        String rule = field + " " + json;
        if (json == null) {
            event.remove(field);
        } else if (json.endsWith(" x")) {
            // a string of that many characters, too long to write out above
            event.put(field, "x".repeat(Integer.parseInt(json.substring(0, json.length() - 2))));
        } else {
            event.set(field, Events.JSON.readTree(json));
        }
        assertFalse(Contract.violations(Contract.EVENT, event).isEmpty(), "the schema must refuse " + rule);
        byte[] value = Events.JSON.writeValueAsBytes(event);
        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> parser.parse(value));
        assertEquals(Reason.SCHEMA_VIOLATION, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().contains(field), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON           | NOT_JSON      | this is not json",
            "truncated JSON     | NOT_JSON      | {\"kind\":\"error\"",
            "trailing data      | NOT_JSON      | {\"kind\":\"error\"} {}",
            "duplicate property | NOT_JSON      | {\"run_id\":1,\"run_id\":2}",
            "an array           | NOT_AN_OBJECT | [1,2,3]",
            "a number           | NOT_AN_OBJECT | 42",
            "a string           | NOT_AN_OBJECT | \"error\"",
            "JSON null          | NOT_AN_OBJECT | null",
    })
    void aValueThatIsNotAnEventObjectIsRefused(String what, Reason reason, String value) {
        InvalidEventException refused = assertThrows(InvalidEventException.class,
                () -> parser.parse(value.getBytes(StandardCharsets.UTF_8)));
        assertEquals(reason, refused.reason(), refused.getMessage());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] value = "{\"kind\":\"error\",\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        value[25] = (byte) 0xC3; // a lead byte followed by an ASCII quote
        assertEquals(Reason.NOT_UTF8, assertThrows(InvalidEventException.class, () -> parser.parse(value)).reason());
    }

    /**
     * RFC 8259 section 8.1: JSON exchanged between systems is UTF-8. UTF-16 and UTF-32, which Jackson detects from the
     * first bytes and reads, are refused, with a byte order mark or without one (then ASCII text is valid UTF-8 bytes).
     */
    @ParameterizedTest(name = "{0}, byte order mark {1}")
    @CsvSource({ "UTF-16LE, false", "UTF-16LE, true", "UTF-16BE, false", "UTF-16BE, true",
            "UTF-32LE, false", "UTF-32LE, true", "UTF-32BE, false", "UTF-32BE, true" })
    void utf16AndUtf32AreRefused(String encoding, boolean byteOrderMark) throws Exception {
        String text = (byteOrderMark ? "\uFEFF" : "") + Events.JSON.writeValueAsString(Events.runCreated("u-1", 7, AT));
        byte[] value = text.getBytes(Charset.forName(encoding));
        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> parser.parse(value));
        assertEquals(Reason.NOT_UTF8, refused.reason(), refused.getMessage());
    }

    /** RFC 8259 section 8.1 lets a parser ignore a byte order mark first; this one does, as the schema's oracle does. */
    @Test
    void aUtf8ByteOrderMarkFirstIsIgnored() throws Exception {
        String text = "\uFEFF" + Events.JSON.writeValueAsString(Events.runCreated("u-2", 7, AT));
        assertEquals("u-2", parser.parse(text.getBytes(StandardCharsets.UTF_8)).eventId());
    }

    @Test
    void anUnknownKindIsRefusedAsSuch() throws Exception {
        ObjectNode event = Events.runCreated("k-1", 7, AT).put("kind", "run_finished");
        assertFalse(Contract.violations(Contract.EVENT, event).isEmpty());
        InvalidEventException refused = assertThrows(InvalidEventException.class,
                () -> parser.parse(Events.JSON.writeValueAsBytes(event)));
        assertEquals(Reason.UNKNOWN_KIND, refused.reason());
        assertTrue(refused.getMessage().contains("run_finished"), refused.getMessage());
    }

    @Test
    void aTombstoneAndAnOversizedValueAreRefused() {
        assertEquals(Reason.NO_VALUE, assertThrows(InvalidEventException.class, () -> parser.parse(null)).reason());
        byte[] large = new byte[1024 * 1024 + 1];
        assertEquals(Reason.TOO_LARGE, assertThrows(InvalidEventException.class, () -> parser.parse(large)).reason());
    }

    private ErrorEvent parse(JsonNode event) throws Exception {
        Contract.assertValid(Contract.EVENT, event);
        return parser.parse(Events.JSON.writeValueAsBytes(event));
    }
}
