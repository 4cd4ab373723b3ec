package org.ccextractor.sampleplatform.errorsummary.ingest;

import static org.awaitility.Awaitility.await;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.authorized;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.settledErrorCount;
import static org.ccextractor.sampleplatform.errorsummary.testing.TestApi.summaryPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;

import org.ccextractor.sampleplatform.errorsummary.counters.OutputHash;
import org.ccextractor.sampleplatform.errorsummary.local.EventPublisher;
import org.ccextractor.sampleplatform.errorsummary.local.Events;
import org.ccextractor.sampleplatform.errorsummary.testing.ServiceTest;
import org.ccextractor.sampleplatform.errorsummary.testing.TestApi;

/**
 * Run metadata and output hashes (issue 18) on the real broker and database: a run's metadata is filled in and never
 * changed (a conflicting event is dead-lettered as {@code conflict}, naming both values), run_completed makes a run
 * complete or incomplete for ever, each bucket's output-hash count and digest are exact under re-sent events and a
 * sum past 2^63, and run_deleted clears it all. What is stored is read from PostgreSQL itself.
 */
@ServiceTest
class RunMetadataTest {

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");
    static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";
    static final String SHA256 = SHA1 + "89abcdef0123456789abcdef";
    static final BigInteger TWO_TO_64 = BigInteger.TWO.pow(64);

    @Inject
    AgroalDataSource database;

    @Test
    void metadataIsFilledInAndWhatIsKnownStays() throws Exception {
        long run = 781_001;
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send(Events.runCreated(id("c1"), run, AT).put("branch", "master").put("platform", "linux"));
            settledErrorCount(publisher, run);
            assertEquals(List.of("master", "linux", "null", "null", "null", "null", false), stored(run));
            // Known values repeated, unknown ones added, in another batch.
            publisher.send(Events.runCreated(id("c2"), run, AT).put("branch", "master").put("commit", SHA1)
                    .put("base_commit", SHA256).put("tests_expected", 237));
            settledErrorCount(publisher, run);
            assertEquals(List.of("master", "linux", SHA1, SHA256, 237L, "null", false), stored(run));
            publisher.send(Events.runCompleted(id("d1"), run, AT, null, 237));
            settledErrorCount(publisher, run);
            assertEquals(List.of("master", "linux", SHA1, SHA256, 237L, 237L, true), stored(run));
        }
    }

    @Test
    void aConflictingRunCreatedIsDeadLetteredWithBothValuesAndChangesNothing() throws Exception {
        long acrossBatches = 781_002;
        long inOneBatch = 781_003;
        String later = id("later");
        String second = id("second");
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send(Events.runCreated(id("first"), acrossBatches, AT).put("branch", "master").put("tests_expected", 3));
            settledErrorCount(publisher, acrossBatches);
            publisher.send(Events.runCreated(later, acrossBatches, AT).put("branch", "main").put("platform", "windows"));
            // One after the other, flushed together: one poll as a rule, and the outcome is the same in two.
            publisher.send(Events.runCreated(id("one"), inOneBatch, AT).put("commit", SHA1));
            publisher.send(Events.runCreated(second, inOneBatch, AT).put("commit", SHA256).put("branch", "pr-1"));
            publisher.flush();
            settledErrorCount(publisher, acrossBatches);
            settledErrorCount(publisher, inOneBatch);
        }
        String reason = conflict(later);
        assertTrue(reason.contains("branch is \"master\", the event gives \"main\""), reason);
        // The whole record is refused: the platform it would have added is not.
        assertEquals(List.of("master", "null", "null", "null", 3L, "null", false), stored(acrossBatches));
        reason = conflict(second);
        assertTrue(reason.contains("commit is \"" + SHA1 + "\", the event gives \"" + SHA256 + "\""), reason);
        assertEquals(List.of("null", "null", SHA1, "null", "null", "null", false), stored(inOneBatch));
    }

    /**
     * Issue 18: run_created and run_completed are de-duplicated by event_id like errors. A re-sent event whose values
     * differ is a duplicate, neither applied nor dead-lettered; a later conflict of another id, on the same partition,
     * shows that the re-sent ones were handled before it.
     */
    @Test
    void aRunCreatedOrCompletedSentAgainWithItsIdIsADuplicate() throws Exception {
        long run = 781_009;
        String created = id("created");
        String completed = id("completed");
        String sentinel = id("sentinel");
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send(Events.runCreated(created, run, AT).put("branch", "master").put("tests_expected", 3));
            publisher.send(Events.runCompleted(completed, run, AT, null, 2));
            settledErrorCount(publisher, run);
            publisher.send(Events.runCreated(created, run, AT).put("branch", "main").put("platform", "linux"));
            publisher.send(Events.runCompleted(completed, run, AT, null, 3));
            publisher.send(Events.runCreated(sentinel, run, AT).put("branch", "main"));
            publisher.flush();
        }
        conflict(sentinel);
        assertEquals(List.of(), deadLetters(created), "the re-sent run_created");
        assertEquals(List.of(), deadLetters(completed), "the re-sent run_completed");
        assertEquals(List.of("master", "null", "null", "null", 3L, 2L, false), stored(run));
    }

    @Test
    void aRunCompletedWithFewerTestsIsIncompleteForEverAndErrorsAfterItCount() throws Exception {
        long complete = 781_004;
        long incomplete = 781_005;
        String again = id("again");
        String otherExpected = id("other-expected");
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send(Events.runCreated(id("c"), complete, AT).put("tests_expected", 5));
            publisher.send(Events.runCompleted(id("d"), complete, AT, 5, 5));
            publisher.send(Events.runCompleted(id("d-repeated"), complete, AT, null, 5)); // the same values: applied, no change
            publisher.send(Events.runCompleted(id("d1"), incomplete, AT, 237, 1));
            publisher.flush();
            settledErrorCount(publisher, incomplete);
            publisher.send(Events.runCompleted(again, incomplete, AT, null, 237));
            publisher.send(Events.runCreated(otherExpected, incomplete, AT).put("tests_expected", 236).put("branch", "x"));
            publisher.send(error(id("after"), incomplete, "build", null));
            assertEquals(1, settledErrorCount(publisher, incomplete));
            assertEquals(0, settledErrorCount(publisher, complete));
        }
        assertEquals(List.of("null", "null", "null", "null", 5L, 5L, true), stored(complete));
        assertEquals(List.of("null", "null", "null", "null", 237L, 1L, false), stored(incomplete));
        assertTrue(conflict(again).contains("tests_run is 1, the event gives 237"), conflict(again));
        assertTrue(conflict(otherExpected).contains("tests_expected is 237, the event gives 236"), conflict(otherExpected));
    }

    /**
     * Each bucket keeps how many of its errors carried an output_hash and the sum of their digests modulo 2^64: exact
     * when every event is sent twice, and when the sum passes 2^63 either way, within one batch (Java's addition) and
     * across batches (PostgreSQL's).
     */
    @Test
    void eachBucketsOutputHashCountAndDigestAreExact() throws Exception {
        long run = 781_006;
        List<String> large = hashes(digest -> digest > Long.MAX_VALUE / 2, 3);
        List<String> small = hashes(digest -> digest < Long.MIN_VALUE / 2, 3);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(error(id("up-" + i), run, "wrap_up", large.get(i)));
            events.add(error(id("down-" + i), run, "wrap_down", small.get(i)));
            events.add(error(id("plain-" + i), run, "wrap_up", null));
        }
        events.add(error(id("same-a"), run, "same", "out-1"));
        events.add(error(id("same-b"), run, "same", "out-1"));
        try (EventPublisher publisher = TestApi.publisher()) {
            for (ObjectNode event : events) { // each in a batch of its own: the sums pass 2^63 in PostgreSQL
                publisher.send(event);
                settledErrorCount(publisher, run);
            }
            // Each counted: PostgreSQL refusing a sum past 2^63 would dead-letter it (a re-sent copy could heal it).
            assertEquals(events.size(), settledErrorCount(publisher, run));
            events.forEach(publisher::send); // all again, in one batch or a few: counted before, so nothing changes
            assertEquals(events.size(), settledErrorCount(publisher, run));
        }
        Map<String, List<Object>> buckets = outputHashes(run, "type");
        assertEquals(List.of(3L, sum(large)), buckets.get("wrap_up"));
        assertEquals(List.of(3L, sum(small)), buckets.get("wrap_down"));
        assertEquals(List.of(2L, sum(List.of("out-1", "out-1"))), buckets.get("same"));
        // The sentinels carried none.
        buckets.entrySet().stream().filter(b -> b.getKey().startsWith("sentinel_"))
                .forEach(b -> assertEquals(List.of(0L, 0L), b.getValue(), b.getKey()));
        // All severities together, in every dimension: here one severity and no category, so the same figures.
        assertEquals(List.of(8L, sum(List.of(large, small, List.of("out-1", "out-1")).stream().flatMap(List::stream).toList())),
                outputHashes(run, "category").get(""));

        // The same multiset in another order and other batches gives the same figures.
        long other = 781_007;
        try (EventPublisher publisher = TestApi.publisher()) {
            List<ObjectNode> reversed = new ArrayList<>(events.stream().map(e -> e.deepCopy().put("run_id", other)).toList());
            java.util.Collections.reverse(reversed);
            reversed.forEach(publisher::send);
            assertEquals(events.size(), settledErrorCount(publisher, other));
        }
        Map<String, List<Object>> otherBuckets = outputHashes(other, "type");
        for (String type : List.of("wrap_up", "wrap_down", "same")) {
            assertEquals(buckets.get(type), otherBuckets.get(type), type);
        }
    }

    @Test
    void runDeletedClearsTheMetadataAndTheOutputHashes() throws Exception {
        long run = 781_008;
        try (EventPublisher publisher = TestApi.publisher()) {
            publisher.send(Events.runCreated(id("c"), run, AT).put("branch", "master").put("tests_expected", 2));
            publisher.send(Events.runCompleted(id("d"), run, AT, null, 1));
            publisher.send(error(id("e"), run, "build", "out-1"));
            assertEquals(1, settledErrorCount(publisher, run));
            publisher.send(Events.runCreated(id("x"), run, AT).put("kind", "run_deleted"));
            publisher.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> authorized().get(summaryPath(run)).statusCode() == 404);
            assertEquals(Map.of(), outputHashes(run, "type"));

            // Started again from nothing: values that would have conflicted are the run's now.
            String created = id("recreated");
            publisher.send(Events.runCreated(created, run, AT).put("branch", "main").put("tests_expected", 3));
            publisher.send(error(id("e2"), run, "build", null));
            assertEquals(1, settledErrorCount(publisher, run));
            assertEquals(List.of("main", "null", "null", "null", 3L, "null", false), stored(run));
            assertEquals(List.of(0L, 0L), outputHashes(run, "type").get("build"));
            assertTrue(deadLetters(created).isEmpty(), "not a conflict");
        }
    }

    /** The run's row: branch, platform, commit, base_commit, tests_expected, tests_run ("null" for NULL), complete. */
    private List<Object> stored(long run) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT branch, platform, commit, base_commit, tests_expected, tests_run, complete FROM runs WHERE run_id = ?")) {
            select.setLong(1, run);
            ResultSet row = select.executeQuery();
            assertTrue(row.next(), "run " + run + " is stored");
            List<Object> values = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                Object value = row.getObject(i);
                values.add(value instanceof Number n ? (Object) n.longValue() : value instanceof Boolean b ? b : String.valueOf(value));
            }
            return values;
        }
    }

    /** Per key of the run's dimension: output_hash_count and output_hash_sum as stored. */
    private Map<String, List<Object>> outputHashes(long run, String dimension) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT key, output_hash_count, output_hash_sum FROM bucket_counters WHERE run_id = ? AND dimension = ?")) {
            select.setLong(1, run);
            select.setString(2, dimension);
            ResultSet rows = select.executeQuery();
            Map<String, List<Object>> buckets = new TreeMap<>();
            while (rows.next()) {
                buckets.put(rows.getString(1), List.of(rows.getLong(2), rows.getLong(3)));
            }
            return buckets;
        }
    }

    /**
     * The sum of the hashes' digests modulo 2^64, as a signed 64-bit value: computed on unbounded integers, not by
     * Java's wrapping addition that the service uses. A digest is the first 8 bytes of the SHA-256 of the text.
     */
    private static long sum(List<String> outputHashes) throws Exception {
        BigInteger sum = BigInteger.ZERO;
        for (String hash : outputHashes) {
            byte[] sha256 = java.security.MessageDigest.getInstance("SHA-256").digest(hash.getBytes(StandardCharsets.UTF_8));
            sum = sum.add(new BigInteger(Arrays.copyOf(sha256, 8)));
        }
        return sum.mod(TWO_TO_64).longValue();
    }

    /** {@code count} output hashes whose digests are as {@code wanted}: far enough from 0 that a few sum past 2^63. */
    private static List<String> hashes(LongPredicate wanted, int count) {
        return IntStream.range(0, 10_000).mapToObj(i -> "output-" + i).filter(h -> wanted.test(OutputHash.of(h).digest()))
                .limit(count).toList();
    }

    /** The reason of the record's one dead letter, which must be a conflict. */
    private static String conflict(String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !deadLetters(eventId).isEmpty());
        List<ConsumerRecord<byte[], byte[]>> found = deadLetters(eventId);
        assertEquals(1, found.size(), eventId + " dead-lettered once");
        assertEquals("conflict", header(found.get(0), DeadLetters.REASON_CODE));
        return header(found.get(0), DeadLetters.REASON);
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String eventId) {
        String id = "\"" + eventId + "\"";
        return TestApi.deadLetters().stream()
                .filter(r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(id)).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ObjectNode error(String eventId, long run, String type, String outputHash) {
        ObjectNode event = Events.error(eventId, run, AT, type, "error", null, null, null);
        return outputHash == null ? event : event.put("output_hash", outputHash);
    }

    /** An event id of this test run: the dead-letter topic outlives it. */
    private static String id(String name) {
        return name + "-" + TAG;
    }

    static final String TAG = UUID.randomUUID().toString();
}
