package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.awaitility.Awaitility.await;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.errorCount;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.settledErrorCount;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.restassured.RestAssured;

import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * Inputs from public bug reports against Jackson, the PostgreSQL client and Kafka, on the real broker and database:
 * none may change a number or a time on its way, none may stop the stream, and each one that cannot be counted
 * lands on the dead-letter topic once, with its reason.
 */
@ServiceTest
class RealInputTest {

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @Inject
    AgroalDataSource database;

    @Test
    void numbersAndTimesAreNeverChangedOnTheirWay() throws Exception {
        long run = 7705;
        String tag = UUID.randomUUID().toString();
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send("7706", raw(error("rounded-" + tag, run), "run_id", "7705.99999999999999999"));
            publisher.send("7705", raw(error("year-zero-" + tag, run), "occurred_at", "\"0000-06-01T00:00:00Z\""));
            ObjectNode earliest = error("earliest-" + tag, run).put("occurred_at", "0001-01-01T00:30:00+01:00");
            ObjectNode precise = error("precise-" + tag, run).put("occurred_at", "2026-11-28T12:00:00.9999995Z");
            publisher.send(earliest);
            publisher.send(precise);
            assertEquals(2, settledErrorCount(publisher, run));
        }
        authorized().get(summaryPath(7706)).then().statusCode(404);
        JsonNode bucket = TestApi.json(authorized().get(summaryPath(run) + "?group_by=type")).path("data").get(0);
        assertEquals(2, bucket.path("count").asLong());
        // The instant sent, in UTC with a four-digit year (1 BC is year 0000), to the millisecond.
        assertEquals("0000-12-31T23:30:00.000Z", bucket.path("first_seen_at").asText());
        assertEquals("2026-11-28T12:00:00.999Z", bucket.path("last_seen_at").asText());
        assertEquals("schema_violation", reasonCode(deadLetter("rounded-" + tag)));
        assertEquals("schema_violation", reasonCode(deadLetter("year-zero-" + tag)));
    }

    /**
     * Nanoseconds are stored to the microsecond rounded toward the past on every side of 2000-01-01 (PostgreSQL's epoch,
     * toward which the Vert.x client truncates) and of 1970: an error of 1999 is never served as one of 2000.
     */
    @Test
    void timesAreStoredToTheMicrosecondRoundedTowardThePast() throws Exception {
        long run = 7709;
        String tag = UUID.randomUUID().toString();
        Map<String, String> served = Map.of(
                "1999-12-31T23:59:59.9999999Z", "1999-12-31T23:59:59.999Z",
                "2000-01-01T00:59:59.999999999+01:00", "1999-12-31T23:59:59.999Z",
                "1969-12-31T23:59:59.9999999Z", "1969-12-31T23:59:59.999Z",
                "0001-01-01T00:00:00.0000005Z", "0001-01-01T00:00:00.000Z",
                "0001-01-01T00:00:00.0009999Z", "0001-01-01T00:00:00.000Z",
                "2026-11-28T12:00:00.9999995Z", "2026-11-28T12:00:00.999Z");
        List<String> times = List.copyOf(served.keySet());
        try (EventPublisher publisher = TestApi.publisher()) {
            for (int i = 0; i < times.size(); i++) {
                publisher.send(Events.error("time-" + i + "-" + tag, run, AT, "time_" + i, "error", null, null, null)
                        .put("occurred_at", times.get(i)));
            }
            assertEquals(times.size(), settledErrorCount(publisher, run));
        }
        JsonNode buckets = TestApi.json(authorized().get(summaryPath(run) + "?group_by=type")).path("data");
        Map<String, String> got = new TreeMap<>();
        Map<String, String> want = new TreeMap<>();
        for (JsonNode bucket : buckets) {
            String key = bucket.path("key").asText();
            if (key.startsWith("time_")) { // not the sentinel that settledErrorCount sent
                String sent = times.get(Integer.parseInt(key.substring("time_".length())));
                got.put(sent, bucket.path("first_seen_at").asText() + " " + bucket.path("last_seen_at").asText());
                want.put(sent, served.get(sent) + " " + served.get(sent));
            }
        }
        assertEquals(times.size(), got.size());
        assertEquals(want, got);
    }

    /**
     * Numbers that no BigDecimal holds (an exponent past its 32-bit scale) in each id field: each record is
     * dead-lettered as a schema violation, and the stream goes on after it (it used to stop the channel for good).
     */
    @Test
    void anIdNoBigDecimalHoldsIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        long run = 7708;
        String tag = UUID.randomUUID().toString();
        List<String> poison = List.of("100e2147483647", "1e2147483648", "1.0e-2147483648", "0e9999999999", "-1E+99999999999999999999");
        try (EventPublisher publisher = TestApi.publisher()) {
            for (int i = 0; i < poison.size(); i++) {
                String field = List.of("run_id", "sample_id", "regression_id").get(i % 3);
                publisher.send("7708", raw(error("poison-" + i + "-" + tag, run), field, poison.get(i)));
                publisher.send(error("after-" + i + "-" + tag, run));
            }
            assertEquals(poison.size(), settledErrorCount(publisher, run));
        }
        for (int i = 0; i < poison.size(); i++) {
            ConsumerRecord<byte[], byte[]> deadLetter = deadLetter("poison-" + i + "-" + tag);
            assertEquals("schema_violation", reasonCode(deadLetter));
            assertTrue(header(deadLetter, DeadLetters.REASON).contains(poison.get(i)), header(deadLetter, DeadLetters.REASON));
        }
    }

    /** Text PostgreSQL cannot hold as sent is refused when read; two different strings never become one key. */
    @Test
    void textThatPostgreSqlCannotHoldIsRefusedWhenReadAndStopsNothing() throws Exception {
        long run = 7707;
        String tag = UUID.randomUUID().toString();
        Map<String, String> reasons = Map.of("nul-" + tag, "schema_violation", "high-" + tag, "schema_violation",
                "low-" + tag, "schema_violation", "cesu-" + tag, "not_utf8");
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send("7707", raw(error("nul-" + tag, run), "categories", "[\"DVB\\u0000\"]"));
            publisher.send("7707", raw(error("high-" + tag, run), "categories", "[\"\\ud800\"]"));
            publisher.send("7707", raw(error("low-" + tag, run), "categories", "[\"\\udbff\"]"));
            // U+D800 encoded in UTF-8 (CESU-8 style): Jackson decodes it, a strict UTF-8 decoder does not.
            byte[] cesu = raw(error("cesu-" + tag, run), "categories", "[\"MARK\"]");
            publisher.send("7707", replace(cesu, "MARK".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
            publisher.send(error("after-" + tag, run));
            assertEquals(1, settledErrorCount(publisher, run));
        }
        JsonNode categories = TestApi.json(authorized().get(summaryPath(run) + "?group_by=category&severity=error")).path("data");
        assertEquals(1, categories.size(), categories::toString);
        for (Map.Entry<String, String> expected : reasons.entrySet()) {
            assertEquals(expected.getValue(), reasonCode(deadLetter(expected.getKey())), expected.getKey());
        }
    }

    /**
     * A record that PostgreSQL refuses whatever is tried (here a class-22 error, as it gives for U+0000, raised by a
     * trigger) is found in its poll and dead-lettered as unstorable with PostgreSQL's words; the rest of the poll,
     * every partition of it, is counted, and the poll's other dead letters are sent once.
     */
    @Test
    void aRecordThatPostgreSqlRefusesIsDeadLetteredAndTheRestIsCounted() throws Exception {
        String tag = UUID.randomUUID().toString();
        List<Long> runs = List.of(7710L, 7711L, 7712L, 7713L);
        String refused = "refused-" + tag;
        try (var trigger = refuseInSql(refused, "22021", "invalid byte sequence for encoding \"UTF8\": 0x00")) {
            try (EventPublisher publisher = TestApi.publisher()) {
                for (int i = 0; i < 40; i++) {
                    publisher.send(error("ok-" + i + "-" + tag, runs.get(i % runs.size())));
                    if (i == 20) {
                        publisher.send(error(refused, 7711));
                        publisher.send("7711", ("not json " + tag).getBytes(StandardCharsets.UTF_8));
                    }
                }
                assertEquals(40, runs.stream().mapToLong(run -> settledErrorCount(publisher, run)).sum());
            }
        }
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetter(refused);
        assertEquals("unstorable", reasonCode(deadLetter));
        assertTrue(header(deadLetter, DeadLetters.REASON).contains("invalid byte sequence for encoding"), header(deadLetter, DeadLetters.REASON));
        assertTrue(header(deadLetter, DeadLetters.REASON).contains("22021"), header(deadLetter, DeadLetters.REASON));
        assertEquals(1, deadLettersOf(("not json " + tag).getBytes(StandardCharsets.UTF_8)).size(), "the poll's other dead letter, once");
    }

    /**
     * A failure that can pass (here a serialization failure, 40001) keeps the batch retrying; after the configured
     * time (2 s in tests) a log line and the gauge say so; the batch commits once the failure is gone, and the poll's
     * dead letter was sent once however often the batch was tried.
     */
    @Test
    void aBatchRetryingLongerThanTheSettingIsReportedAndCommitsWhenItCan() throws Exception {
        long run = 7720;
        String tag = UUID.randomUUID().toString();
        String stuck = "stuck-" + tag;
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ErrorEventConsumer.class.getName());
        logger.addHandler(handler);
        byte[] garbage = ("garbage " + tag).getBytes(StandardCharsets.UTF_8);
        double retriesBefore = metric("error_summary_batch_retries_total");
        try (var trigger = refuseInSql(stuck, "40001", "could not serialize access due to concurrent update")) {
            try (EventPublisher publisher = TestApi.publisher()) {
                publisher.send(error(stuck, run));
                publisher.send(Long.toString(run), garbage);
                publisher.flush();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> metric("error_summary_batch_retrying_seconds") >= 2);
            await().atMost(Duration.ofSeconds(15)).until(() -> lines.stream().anyMatch(l -> l.contains("has been retrying for")));
            assertEquals(-1, errorCount(run), "nothing of the batch is counted while it retries");
        } finally {
            logger.removeHandler(handler);
        }
        try (EventPublisher publisher = TestApi.publisher()) {
            assertEquals(1, settledErrorCount(publisher, run));
        }
        assertEquals(0, metric("error_summary_batch_retrying_seconds"));
        assertTrue(metric("error_summary_batch_retries_total") - retriesBefore >= 2, "this batch's retries counted");
        assertEquals(1, deadLettersOf(garbage).size(), "the dead letter of a retried batch, once");
    }

    /**
     * A value that was compressed on the source topic and is larger than the dead-letter topic takes: it is sent
     * compressed and fits; one that does not fit even so is cut, with headers giving the original's length and hash.
     */
    @Test
    void deadLettersTooLargeForTheirTopicAreCompressedOrCutAndStopNothing() throws Exception {
        long run = 7730;
        String tag = UUID.randomUUID().toString();
        byte[] compressible = Events.JSON.writeValueAsBytes(error("large-" + tag, run).put("message", "x".repeat(2_000_000)));
        byte[] random = new byte[300_000];
        new Random(7).nextBytes(random);
        random[0] = (byte) 0xFF; // not UTF-8, whatever else it is
        byte[] bigHeader = new byte[150_000];
        new Random(8).nextBytes(bigHeader);
        byte[] smallNotJson = ("not json " + tag).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> withBigHeader = new ProducerRecord<>(TestApi.topic(), Long.toString(run), smallNotJson);
        withBigHeader.headers().add("trace", bigHeader);
        try (var limit = deadLetterTopicLimit(100_000); EventPublisher publisher = TestApi.publisher()) {
            publisher.send(Long.toString(run), compressible);
            publisher.send(Long.toString(run), random);
            publisher.send(withBigHeader);
            publisher.send(error("after-large-" + tag, run));
            assertEquals(1, settledErrorCount(publisher, run));
        }
        ConsumerRecord<byte[], byte[]> whole = deadLettersOf(compressible).get(0);
        assertEquals("too_large", reasonCode(whole));
        assertNull(whole.headers().lastHeader(DeadLetters.TRUNCATED_FROM));
        String hash = sha256(random);
        List<ConsumerRecord<byte[], byte[]>> cut = TestApi.deadLetters().stream()
                .filter(r -> hash.equals(header(r, DeadLetters.ORIGINAL_SHA256)))
                .toList();
        assertEquals(1, cut.size());
        assertEquals("not_utf8", reasonCode(cut.get(0)));
        assertEquals(Integer.toString(random.length), header(cut.get(0), DeadLetters.TRUNCATED_FROM));
        assertArrayEquals(java.util.Arrays.copyOf(random, 65_536), cut.get(0).value());
        // Too large for its own header: this service's headers alone, no key, no value.
        String smallHash = sha256(smallNotJson);
        List<ConsumerRecord<byte[], byte[]>> bare = TestApi.deadLetters().stream()
                .filter(r -> smallHash.equals(header(r, DeadLetters.ORIGINAL_SHA256)))
                .toList();
        assertEquals(1, bare.size());
        assertEquals("not_json", reasonCode(bare.get(0)));
        assertEquals(Integer.toString(smallNotJson.length), header(bare.get(0), DeadLetters.TRUNCATED_FROM));
        assertNull(bare.get(0).headers().lastHeader("trace"));
        assertNull(bare.get(0).key());
        assertEquals(0, bare.get(0).value().length);
    }

    private static ObjectNode error(String eventId, long run) {
        return Events.error(eventId, run, AT, "build", "error", 1L, 2L, List.of("DVB"));
    }

    /** The event as JSON text with {@code field}'s value replaced by the JSON text {@code json}, as a producer wrote it. */
    private static byte[] raw(ObjectNode event, String field, String json) throws Exception {
        event.put(field, "RAW");
        return Events.JSON.writeValueAsString(event).replace("\"RAW\"", json).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replace(byte[] value, byte[] target, byte[] replacement) {
        String latin = new String(value, StandardCharsets.ISO_8859_1);
        return latin.replace(new String(target, StandardCharsets.ISO_8859_1), new String(replacement, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A trigger that makes PostgreSQL raise {@code sqlState} for the counted event {@code eventId}, until closed. */
    private AutoCloseable refuseInSql(String eventId, String sqlState, String message) throws Exception {
        String name = "refuse_" + Integer.toHexString(eventId.hashCode() & 0x7fffffff);
        sql("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.event_id = '" + eventId + "' THEN RAISE EXCEPTION '" + message.replace("'", "''")
                + "' USING ERRCODE = '" + sqlState + "'; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER " + name + " BEFORE INSERT ON counted_events FOR EACH ROW EXECUTE FUNCTION " + name + "()");
        return () -> sql("DROP TRIGGER " + name + " ON counted_events", "DROP FUNCTION " + name + "()");
    }

    private void sql(String... statements) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Sets the dead-letter topic's max.message.bytes until closed. */
    private static AutoCloseable deadLetterTopicLimit(int bytes) throws Exception {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config("kafka.bootstrap.servers")));
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, config("mp.messaging.outgoing.dead-letters.topic"));
        String before = admin.describeConfigs(List.of(topic)).all().get().get(topic).get("max.message.bytes").value();
        setMaxMessageBytes(admin, topic, Integer.toString(bytes));
        return () -> {
            try {
                setMaxMessageBytes(admin, topic, before);
            } finally {
                admin.close();
            }
        };
    }

    private static void setMaxMessageBytes(Admin admin, ConfigResource topic, String bytes) throws Exception {
        Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(topic,
                List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET)));
        admin.incrementalAlterConfigs(change).all().get();
    }

    /** The one dead letter of the event {@code eventId}, waiting for it. */
    private static ConsumerRecord<byte[], byte[]> deadLetter(String eventId) {
        byte[] id = ("\"" + eventId + "\"").getBytes(StandardCharsets.UTF_8);
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.clear();
            TestApi.deadLetters().stream().filter(r -> r.value() != null && contains(r.value(), id)).forEach(found::add);
            return !found.isEmpty();
        });
        assertEquals(1, found.size(), eventId + " dead-lettered once");
        return found.get(0);
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLettersOf(byte[] value) {
        return TestApi.deadLetters().stream().filter(r -> java.util.Arrays.equals(r.value(), value)).toList();
    }

    private static boolean contains(byte[] value, byte[] part) {
        return new String(value, StandardCharsets.ISO_8859_1).contains(new String(part, StandardCharsets.ISO_8859_1));
    }

    private static String reasonCode(ConsumerRecord<byte[], byte[]> record) {
        return header(record, DeadLetters.REASON_CODE);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static double metric(String name) {
        for (String line : RestAssured.get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
