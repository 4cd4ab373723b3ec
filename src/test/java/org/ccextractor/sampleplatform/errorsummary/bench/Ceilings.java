package org.ccextractor.sampleplatform.errorsummary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

import org.ccextractor.sampleplatform.errorsummary.local.ServiceProcess;

/**
 * The reference consumers the service is measured against, on the same topic, each in a JVM of its own as the
 * service is, with its client's defaults (a JVM's default heap too): the least any consumer does (poll and parse
 * each value), and Kafka Streams counting the same five dimensions, with exactly_once_v2 and with at_least_once.
 * Each measures itself from its first to its last record, in time and in the CPU time of its whole process, and
 * writes that to a file for the benchmark.
 */
final class Ceilings {

    /** Far more than a reference needs for the benchmark's topic: one still running is stuck. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE = "counts";

    /** The references; a Kafka Streams one with its processing.guarantee, the only setting it is given. */
    enum Reference {
        PLAIN_CONSUMER("plain consumer + Jackson parse", null),
        STREAMS_EXACTLY_ONCE_V2("Kafka Streams exactly_once_v2", StreamsConfig.EXACTLY_ONCE_V2),
        STREAMS_AT_LEAST_ONCE("Kafka Streams at_least_once", StreamsConfig.AT_LEAST_ONCE);

        final String title;
        final String guarantee;

        Reference(String title, String guarantee) {
            this.title = title;
            this.guarantee = guarantee;
        }
    }

    /** Records consumed between the first and the last record, and the consumer's CPU time meanwhile. */
    record Rate(long records, double seconds, double cpuSeconds) {

        static final Rate NOT_MEASURED = new Rate(0, Double.NaN, Double.NaN);

        double perSecond() {
            return records / seconds;
        }
    }

    private Ceilings() {
    }

    /** Runs {@code reference} over the whole topic in a JVM of its own; its output goes to {@code work}. */
    static Rate measure(Reference reference, String bootstrap, String topic, BenchData data, Path work)
            throws IOException, InterruptedException {
        String name = reference.name().toLowerCase(Locale.ROOT).replace('_', '-');
        Path result = work.resolve(name + ".result");
        Path log = work.resolve(name + ".log");
        Files.deleteIfExists(result);
        Process process = new ProcessBuilder(ServiceProcess.onTestClassPath(List.of(Ceilings.class.getName(),
                reference.name(), bootstrap, topic, Long.toString(data.records()), Long.toString(data.errorRecords()),
                result.toString())))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(reference.title + " did not finish within " + TIMEOUT + ": see " + log);
            }
        } finally {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(reference.title + " failed with " + process.exitValue() + ": see " + log);
        }
        String[] measured = Files.readString(result).trim().split(" ");
        return new Rate(Long.parseLong(measured[0]), Double.parseDouble(measured[1]), Double.parseDouble(measured[2]));
    }

    /**
     * A reference's own JVM. Arguments: the {@link Reference}, the bootstrap servers, the topic, its records, its
     * error records (what Kafka Streams must have counted) and the file to write "records seconds cpu-seconds" to.
     */
    public static void main(String[] args) {
        try {
            Reference reference = Reference.valueOf(args[0]);
            long records = Long.parseLong(args[3]);
            Rate rate = reference.guarantee == null ? plainConsumerWithParse(args[1], args[2], records)
                    : kafkaStreams(args[1], args[2], reference.guarantee, records, Long.parseLong(args[4]));
            Files.writeString(Path.of(args[5]), rate.records() + " " + rate.seconds() + " " + rate.cpuSeconds());
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            // Kafka's client threads must not keep a failed reference alive.
            System.exit(1);
        }
    }

    /** A plain consumer that reads every record of the topic and parses its value with Jackson. */
    private static Rate plainConsumerWithParse(String bootstrap, String topic, long records) throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            long parsedFields = 0;
            long first = 0;
            double cpuAtFirst = 0;
            while (seen < records) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (seen++ == 0) {
                        first = System.nanoTime();
                        cpuAtFirst = CpuTime.ofThisProcess();
                    }
                    try {
                        parsedFields += JSON.readTree(record.value()).size();
                    } catch (IOException notJson) {
                        // the garbage records: parsing them is the work
                    }
                }
            }
            long last = System.nanoTime();
            double cpu = CpuTime.ofThisProcess() - cpuAtFirst;
            if (parsedFields == 0) {
                throw new IllegalStateException("nothing was parsed");
            }
            return new Rate(seen, (last - first) / 1e9, cpu);
        }
    }

    /**
     * Kafka Streams counting every error by run, dimension and key (re-keyed, so through a repartition
     * topic, as such an application is written); its last record is the last count once every record of the
     * topic went through the re-keying and every key it emitted was counted: not when the group next commits,
     * which at_least_once does every 30 s. Checks the counts: Streams does not de-duplicate, so each
     * dimension's total is the number of error records sent.
     */
    private static Rate kafkaStreams(String bootstrap, String topic, String guarantee, long records, long errorRecords)
            throws Exception {
        Path state = Files.createTempDirectory("bench-streams");
        AtomicLong firstRecord = new AtomicLong();
        AtomicReference<Double> cpuAtFirst = new AtomicReference<>();
        AtomicLong seen = new AtomicLong();
        AtomicLong emitted = new AtomicLong();
        AtomicLong counted = new AtomicLong();
        AtomicLong lastCounted = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        // count() written as the aggregate it is, so that the benchmark sees when the last key was counted
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .flatMap((runId, value) -> {
                    if (firstRecord.get() == 0 && firstRecord.compareAndSet(0, System.nanoTime())) {
                        cpuAtFirst.set(CpuTime.ofThisProcess());
                    }
                    List<KeyValue<String, String>> keys = countKeys(value);
                    emitted.addAndGet(keys.size());
                    seen.incrementAndGet();
                    return keys;
                })
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .aggregate(() -> 0L, (key, value, count) -> {
                    counted.incrementAndGet();
                    lastCounted.set(System.nanoTime());
                    return count + 1;
                }, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE).withValueSerde(Serdes.Long()));
        Properties config = new Properties();
        // Unique, so that no committed offsets or state of an earlier benchmark are found; state.dir is where its
        // stores go, removed afterwards. Streams reads a new group's topics from the beginning by default.
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-streams-" + guarantee.replace('_', '-') + "-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
            streams.start();
            // seen first: once every record went through flatMap, emitted is final
            while (seen.get() < records || counted.get() < emitted.get()) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.PENDING_ERROR) {
                    throw new IllegalStateException("Kafka Streams failed (" + streams.state() + "): see the log above");
                }
                Thread.sleep(10);
            }
            double cpu = CpuTime.ofThisProcess() - cpuAtFirst.get();
            checkTotals(streams, errorRecords);
            return new Rate(seen.get(), (lastCounted.get() - firstRecord.get()) / 1e9, cpu);
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

    private static void checkTotals(KafkaStreams streams, long errorRecords) throws InterruptedException {
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
        if (types != errorRecords) {
            throw new IllegalStateException("Kafka Streams counted " + types + " errors by type, " + errorRecords + " were sent");
        }
    }
}
