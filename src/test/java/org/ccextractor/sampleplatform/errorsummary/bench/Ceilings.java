package org.ccextractor.sampleplatform.errorsummary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reference consumers the service is measured against, on the same topic: the least any consumer
 * does (poll and parse each value), and Kafka Streams counting the same five dimensions.
 */
final class Ceilings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE = "counts";

    /** Records consumed per second between the first and the last record. */
    record Rate(long records, double seconds) {

        double perSecond() {
            return records / seconds;
        }
    }

    private Ceilings() {
    }

    /** A plain consumer that reads every record of the topic and parses its value with Jackson. */
    static Rate plainConsumerWithParse(String bootstrap, String topic, long records) throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            long parsedFields = 0;
            long first = 0;
            while (seen < records) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (seen++ == 0) {
                        first = System.nanoTime();
                    }
                    try {
                        parsedFields += JSON.readTree(record.value()).size();
                    } catch (IOException notJson) {
                        // the garbage records: parsing them is the work
                    }
                }
            }
            if (parsedFields == 0) {
                throw new IllegalStateException("nothing was parsed");
            }
            return new Rate(seen, (System.nanoTime() - first) / 1e9);
        }
    }

    /**
     * Kafka Streams counting every error by run, dimension and key (re-keyed, so through a repartition
     * topic, as such an application is written); done when its group has committed the end of every topic
     * it reads. Returns the rate and checks the counts: Streams does not de-duplicate, so each dimension's
     * total is the number of error records sent.
     */
    static Rate kafkaStreams(String bootstrap, String topic, String guarantee, BenchData data) throws Exception {
        String application = "bench-streams-" + guarantee.replace('_', '-');
        Path state = Files.createTempDirectory("bench-streams");
        AtomicLong firstRecord = new AtomicLong();
        AtomicLong emitted = new AtomicLong();
        AtomicLong counted = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        // count() written as the aggregate it is, so that the benchmark sees when the last key was counted
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .flatMap((runId, value) -> {
                    firstRecord.compareAndSet(0, System.nanoTime());
                    List<KeyValue<String, String>> keys = countKeys(value);
                    emitted.addAndGet(keys.size());
                    return keys;
                })
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .aggregate(() -> 0L, (key, value, count) -> {
                    counted.incrementAndGet();
                    return count + 1;
                }, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE).withValueSerde(Serdes.Long()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, application);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            streams.start();
            while (!inputCommitted(admin, application, topic) || counted.get() < emitted.get()) {
                Thread.sleep(50);
            }
            long done = System.nanoTime();
            checkTotals(streams, data);
            return new Rate(data.records(), (done - firstRecord.get()) / 1e9);
        } finally {
            try (var files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<KeyValue<String, String>> countKeys(byte[] value) {
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (IOException notJson) {
            return List.of();
        }
        if (!"error".equals(event.path("kind").asText())) {
            return List.of();
        }
        String run = event.path("run_id").asText() + "|";
        List<KeyValue<String, String>> keys = new ArrayList<>(8);
        keys.add(KeyValue.pair(run + "type|" + event.path("type").asText(), ""));
        keys.add(KeyValue.pair(run + "severity|" + event.path("severity").asText(), ""));
        keys.add(KeyValue.pair(run + "sample_id|" + keyOf(event.path("sample_id")), ""));
        keys.add(KeyValue.pair(run + "regression_id|" + keyOf(event.path("regression_id")), ""));
        JsonNode categories = event.path("categories");
        if (categories.isEmpty()) {
            keys.add(KeyValue.pair(run + "category|none", ""));
        }
        categories.forEach(category -> keys.add(KeyValue.pair(run + "category|" + category.asText(), "")));
        return keys;
    }

    private static String keyOf(JsonNode id) {
        return id.isNull() || id.isMissingNode() ? "none" : id.asText();
    }

    /** True once the group has committed the end of the input topic: every input record went through flatMap. */
    private static boolean inputCommitted(Admin admin, String group, String input) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(input) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<TopicPartition, Long> ends = endOffsets(admin, input);
        return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                || (committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() >= e.getValue()));
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static void checkTotals(KafkaStreams streams, BenchData data) throws InterruptedException {
        ReadOnlyKeyValueStore<String, Long> store = null;
        while (store == null) {
            try {
                store = streams.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.<String, Long>keyValueStore()));
            } catch (org.apache.kafka.streams.errors.InvalidStateStoreException notYet) {
                Thread.sleep(100);
            }
        }
        long types = 0;
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.key.contains("|type|")) {
                    types += entry.value;
                }
            }
        }
        if (types != data.errorRecords()) {
            throw new IllegalStateException("Kafka Streams counted " + types + " errors by type, "
                    + data.errorRecords() + " were sent");
        }
    }
}
