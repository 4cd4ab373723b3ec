package org.ccextractor.sampleplatform.errorsummary.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.ccextractor.sampleplatform.errorsummary.bench.BenchData.Pace;
import org.ccextractor.sampleplatform.errorsummary.bench.BenchData.RunSpec;
import org.ccextractor.sampleplatform.errorsummary.bench.Ceilings.Rate;
import org.ccextractor.sampleplatform.errorsummary.bench.ReadLoad.Latencies;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.local.ServiceProcess;

/**
 * The README's benchmark (./mvnw -Pbench package): one run, on loopback, of the reference consumers and
 * the service on the same events, then reads under ingestion, printed as one table. Every count the
 * service ends with is compared with the generator's ground truth. {@code -Dbench.scale} shrinks the
 * event counts (CI runs a tiny one); {@code -Dbench.read-seconds} sets the length of each read load.
 */
public final class Benchmark {

    static final String TOPIC = "bench-events";
    static final int CLIENTS = 8;
    static final int PAGE = 50;
    /* Run ids of their own, so that a database shared with other tests (CI's) holds no other counters of them. */
    static final long READ_RUN = 7_001;
    static final long SMALL_RUN = 7_002;
    static final long BIG_RUN = 8_001;
    static final long PROBE_RUN = 9_999;
    static final int BACKGROUND_PER_SECOND = 10_000;
    static final String[] GROUP_BYS = { "type", "severity", "sample_id", "regression_id", "category" };
    static final String[] SCOPES = { null, "info", "warning", "error", "critical" };
    /** As in the reference measurements: durability is not what is measured. */
    static final Map<String, String> POSTGRES = Map.of("fsync", "off", "synchronous_commit", "off",
            "full_page_writes", "off", "shared_buffers", "256MB");

    /** The JVM as it runs in its pod: the image's options (src/main/docker/Dockerfile.jvm). */
    static final String SERVICE_JVM = ImageJvm.options();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final double scale;
    private final Duration readTime;
    private final Map<String, String> table = new java.util.LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    Benchmark(double scale, Duration readTime) {
        this.scale = scale;
        this.readTime = readTime;
    }

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
        Duration readTime = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.read-seconds", "10")));
        int status = 1;
        try {
            status = new Benchmark(scale, readTime).run();
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            // Kafka and HTTP client threads must not keep a failed benchmark alive.
            System.exit(status);
        }
    }

    private int n(int events) {
        return Math.max(10, (int) (events * scale));
    }

    /** Runs the whole benchmark; 0 when every count was exact (the targets are reported, not enforced). */
    int run() throws Exception {
        Path work = Path.of("target", "bench");
        Files.createDirectories(work);
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(POSTGRES)) {
            LocalKeys keys = LocalKeys.generate(work.resolve("keys"));
            infrastructure.createTopic(TOPIC);
            infrastructure.createTopic(TOPIC + ".dlq");
            String bootstrap = infrastructure.kafkaBootstrapServers();
            BenchData data = new BenchData(42);

            // 1. The events: 350,000 errors of 50 runs, one of them 100,000 errors over ~10,000 regression tests
            // (a third of the reference set, so that the whole benchmark runs in under 10 minutes here).
            List<RunSpec> runs = new ArrayList<>();
            runs.add(new RunSpec(READ_RUN, n(100_000), 500, 10_000));
            runs.add(new RunSpec(SMALL_RUN, n(1_000), 500, 10_000));
            int rest = n(350_000) - runs.stream().mapToInt(RunSpec::errors).sum();
            IntStream.range(0, 48).forEach(r -> runs.add(new RunSpec(7_003 + r, Math.max(1, rest / 48), 200, 2_000)));
            long t0 = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                data.publish(producer, TOPIC, runs, Pace.FULL_SPEED);
            }
            double produced = (System.nanoTime() - t0) / 1e9;
            long mainRecords = data.records();
            say("published %,d records (%,d distinct errors, %,d re-sent, %,d not JSON) in %.1f s",
                    mainRecords, data.distinctErrors(), data.errorRecords() - data.distinctErrors(), data.garbage(), produced);

            // 2. The ceilings, one after the other on the same topic.
            // -Dbench.ceilings=false leaves them out, when only the service is being tuned.
            boolean ceilings = Boolean.parseBoolean(System.getProperty("bench.ceilings", "true"));
            Rate unmeasured = new Rate(0, Double.NaN);
            Rate plain = ceilings ? Ceilings.plainConsumerWithParse(bootstrap, TOPIC, mainRecords) : unmeasured;
            say("plain consumer + Jackson: %,.0f records/s", plain.perSecond());
            Rate eos = ceilings ? Ceilings.kafkaStreams(bootstrap, TOPIC, "exactly_once_v2", data) : unmeasured;
            say("Kafka Streams exactly_once_v2: %,.0f records/s", eos.perSecond());
            Rate alos = ceilings ? Ceilings.kafkaStreams(bootstrap, TOPIC, "at_least_once", data) : unmeasured;
            say("Kafka Streams at_least_once: %,.0f records/s", alos.perSecond());

            // 3. The service on the same topic, from the beginning.
            Path log = work.resolve("service.log");
            ServiceProcess service = new ServiceProcess(infrastructure, keys, 18080, Map.of(
                    "MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", TOPIC,
                    "MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", TOPIC + ".dlq",
                    "ERROR_SUMMARY_RATE_LIMIT_REQUESTS", "1000000000",
                    // e.g. a flight recording: -Dbench.service-options=-XX:StartFlightRecording=filename=target/bench/service.jfr
                    "JAVA_TOOL_OPTIONS", serviceOptions()),
                    ProcessBuilder.Redirect.to(log.toFile()));
            Metrics metrics = new Metrics(18080);
            long launched = System.nanoTime();
            try (service; RssSampler rss = new RssSampler()) {
                service.start();
                double startup = (System.nanoTime() - launched) / 1e9;
                rss.watch(service.pid());
                // The same records as the ceilings read, run_created and garbage included.
                Rate ingest = new Rate(mainRecords, metrics.awaitHandled(data.errorRecords(), Duration.ofMinutes(5)).seconds());
                long rssIngest = rss.maxKilobytes();
                say("service batches: %s", metrics.batches());
                say("service: %,.0f records/s, max RSS %,d MB, ready %.2f s after launch", ingest.perSecond(),
                        rssIngest / 1024, startup);
                verify(infrastructure, data, "after the main ingest");

                // 4. A run of 1,000,000 errors, published while the service consumes it.
                try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                    data.publish(producer, TOPIC, List.of(new RunSpec(BIG_RUN, n(1_000_000), 500, 10_000)), Pace.FULL_SPEED);
                }
                Rate big = metrics.awaitHandled(data.errorRecords(), Duration.ofMinutes(5));
                say("service, 1,000,000-error run published meanwhile: %,.0f records/s", big.perSecond());

                // 5. Reads while 10,000 events/s arrive, with probes for freshness.
                // The read run is complete: its views' sizes are fixed while the background runs grow.
                long[] viewBuckets = IntStream.range(0, GROUP_BYS.length * SCOPES.length)
                        .mapToLong(v -> data.buckets(READ_RUN, GROUP_BYS[v / 5], v % 5)).toArray();
                Freshness freshness = new Freshness(18080, keys.readerToken("bench-freshness"), PROBE_RUN);
                AtomicBoolean stop = new AtomicBoolean();
                Thread background = new Thread(() -> {
                    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                        List<RunSpec> live = IntStream.range(0, 10)
                                .mapToObj(r -> new RunSpec(9_001 + r, 10_000_000, 200, 2_000)).toList();
                        data.publish(producer, TOPIC, live, new Pace(backgroundPerSecond(), stop::get,
                                new RunSpec(PROBE_RUN, Integer.MAX_VALUE, 10, 10), 200, freshness::sent));
                    }
                }, "bench-background");
                background.start();
                freshness.start();
                List<String> tokens = IntStream.range(0, CLIENTS).mapToObj(c -> keys.readerToken("bench-reader-" + c)).toList();
                Latencies anyPage = ReadLoad.run(18080, tokens, readTime, random -> {
                    int view = random.nextInt(GROUP_BYS.length * SCOPES.length);
                    long pages = Math.max(1, (viewBuckets[view] + PAGE - 1) / PAGE);
                    return path(READ_RUN, view, random.nextLong(pages) * PAGE);
                });
                Latencies small = ReadLoad.run(18080, tokens, readTime.dividedBy(2),
                        random -> path(SMALL_RUN, random.nextInt(25), 0));
                Latencies large = ReadLoad.run(18080, tokens, readTime.dividedBy(2),
                        random -> path(BIG_RUN, random.nextInt(25), 0));
                stop.set(true);
                background.join();
                freshness.stop();
                Rate live = metrics.awaitHandled(data.errorRecords(), Duration.ofMinutes(2));
                long rssAll = rss.maxKilobytes();
                verify(infrastructure, data, "after the read phase");

                report(plain, eos, alos, ingest, big, anyPage, small, large, freshness, rssIngest, rssAll,
                        startup, metrics.startedIn(log), mainRecords, data);
            }
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /** -Dbench.service-options, or the image's options when it is not set or empty (the bench profile's default). */
    private static String serviceOptions() {
        String options = System.getProperty("bench.service-options", "");
        return options.isBlank() ? SERVICE_JVM : options;
    }

    /** 10,000 events/s, less in a small benchmark (CI's smoke run) so that its service can catch up in time. */
    private int backgroundPerSecond() {
        return (int) Math.max(100, BACKGROUND_PER_SECOND * Math.min(1, scale * 10));
    }

    private static String path(long run, int view, long offset) {
        String severity = SCOPES[view % 5];
        return "/api/v1/runs/" + run + "/error-summary?group_by=" + GROUP_BYS[view / 5]
                + (severity == null ? "" : "&severity=" + severity) + "&offset=" + offset;
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The counters table, row for row, against the generator's ground truth. */
    private void verify(LocalInfrastructure infrastructure, BenchData data, String when) throws Exception {
        LocalInfrastructure.Database db = infrastructure.database();
        Map<String, Long> actual = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement statement = connection.createStatement()) {
            statement.setFetchSize(10_000);
            connection.setAutoCommit(false);
            String runs = data.runs().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
            // One row per bucket of each view (scope 0 = all severities, 1-4 = one severity), as the ground truth has them.
            try (ResultSet rows = statement.executeQuery("""
                    SELECT c.run_id, c.dimension, v.scope, c.key, v.count FROM bucket_counters c
                    CROSS JOIN LATERAL (VALUES (0, c.info_count + c.warning_count + c.error_count + c.critical_count),
                                               (1, c.info_count), (2, c.warning_count), (3, c.error_count),
                                               (4, c.critical_count)) AS v(scope, count)
                    WHERE v.count > 0 AND c.run_id IN (%s)""".formatted(runs))) {
                while (rows.next()) {
                    actual.put(BenchData.key(rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getString(4)), rows.getLong(5));
                }
            }
        }
        if (actual.equals(data.expected())) {
            say("counts exact %s: %,d buckets equal the ground truth", when, actual.size());
            return;
        }
        long wrong = data.expected().entrySet().stream().filter(e -> !e.getValue().equals(actual.get(e.getKey()))).count();
        long extra = actual.keySet().stream().filter(k -> !data.expected().containsKey(k)).count();
        String failure = String.format("counts differ %s: %,d expected rows wrong or missing, %,d unexpected rows", when, wrong, extra);
        say(failure);
        failures.add(failure);
    }

    private void report(Rate plain, Rate eos, Rate alos, Rate ingest, Rate big, Latencies anyPage, Latencies small,
            Latencies large, Freshness freshness, long rssIngest, long rssAll, double startup,
            double startedIn, long mainRecords, BenchData data) throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "measure", "value", "target", "met" });
        rows.add(row("records in the ingest topic (50 runs)", "%,d", mainRecords, null, null));
        rows.add(row("plain consumer + Jackson parse, records/s", "%,.0f", plain.perSecond(), null, null));
        rows.add(row("Kafka Streams exactly_once_v2, records/s", "%,.0f", eos.perSecond(), null, null));
        rows.add(row("Kafka Streams at_least_once, records/s", "%,.0f", alos.perSecond(), null, null));
        rows.add(row("service (exactly once, de-duplicated), records/s", "%,.0f", ingest.perSecond(), null, null));
        rows.add(row("service / Kafka Streams EOS", "%.2fx", ingest.perSecond() / eos.perSecond(), ">= 2x",
                ingest.perSecond() >= 2 * eos.perSecond()));
        rows.add(row("service / consume+parse ceiling", "%.2fx", ingest.perSecond() / plain.perSecond(), ">= 0.25x",
                ingest.perSecond() >= 0.25 * plain.perSecond()));
        rows.add(row("service, 1,000,000-error run while it is published, records/s", "%,.0f", big.perSecond(), null, null));
        rows.add(row("read any page of a 100,000-error run (8 clients, ingest " + backgroundPerSecond() + "/s): p50 ms", "%.2f", anyPage.percentileMillis(50), null, null));
        rows.add(row("  ... p99 ms", "%.2f", anyPage.percentileMillis(99), "<= 10 ms", anyPage.percentileMillis(99) <= 10));
        rows.add(row("  ... requests/s", "%,.0f", anyPage.perSecond(), null, null));
        rows.add(row("first pages, 1,000-error run: requests/s (p99 ms)", "%s",
                String.format("%,.0f (%.2f)", small.perSecond(), small.percentileMillis(99)), null, null));
        rows.add(row("first pages, 1,000,000-error run: requests/s (p99 ms)", "%s",
                String.format("%,.0f (%.2f)", large.perSecond(), large.percentileMillis(99)), null, null));
        double sizeRatio = large.perSecond() / small.perSecond();
        rows.add(row("1,000,000-error run / 1,000-error run throughput", "%.2fx", sizeRatio, ">= 0.8x", sizeRatio >= 0.8));
        rows.add(row("event-to-visible at " + backgroundPerSecond() + " events/s: p50 ms", "%.0f", freshness.percentileMillis(50), null, null));
        rows.add(row("  ... p99 ms (" + freshness.probes() + " probes)", "%.0f", freshness.percentileMillis(99), "< 1000 ms",
                freshness.percentileMillis(99) < 1000));
        rows.add(row("service max RSS during the ingest benchmark, MB", "%,d", rssIngest / 1024, "< 300 MB", rssIngest < 300 * 1024));
        rows.add(row("service max RSS over the whole benchmark, MB", "%,d", rssAll / 1024, null, null));
        rows.add(row("service start-up: Quarkus \"started in\", s", "%.2f", startedIn, "< 3 s", startedIn < 3));
        rows.add(row("service start-up: launch to ready, s", "%.2f", startup, null, null));
        rows.add(row("counts exact (every counter row = ground truth)", "%s", failures.isEmpty() ? "yes" : "NO", "yes",
                failures.isEmpty()));

        StringBuilder out = new StringBuilder();
        out.append(String.format("%nerror-summary benchmark, %s, %d cores, scale %s (%,d distinct errors in all)%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), scale, data.distinctErrors()));
        for (String[] r : rows) {
            out.append(String.format("| %-78s | %18s | %9s | %4s |%n", (Object[]) r));
            if (r == rows.get(0)) {
                out.append("|").append("-".repeat(80)).append("|").append("-".repeat(20)).append("|")
                        .append("-".repeat(11)).append("|").append("-".repeat(6)).append("|\n");
            }
        }
        System.out.println(out);
        Files.writeString(Path.of("target", "bench", "results.md"), out.toString());
    }

    private static String[] row(String what, String format, Object value, String target, Boolean met) {
        return new String[] { what, String.format(format, value), target == null ? "" : target,
                met == null ? "" : met ? "yes" : "NO" };
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    /** The service's own counters, read from /q/metrics. */
    static final class Metrics {

        private static final Pattern SAMPLE = Pattern.compile(
                "^error_summary_events_(counted|duplicates)_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$", Pattern.MULTILINE);
        private final HttpClient http = HttpClient.newHttpClient();
        private final int port;
        private long handledBefore;

        Metrics(int port) {
            this.port = port;
        }

        /** Errors counted plus duplicates dropped so far. */
        long handled() throws IOException, InterruptedException {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = SAMPLE.matcher(text);
            long sum = 0;
            while (m.find()) {
                sum += (long) Double.parseDouble(m.group(2));
            }
            return sum;
        }

        /**
         * Waits until {@code total} error records are handled; the rate counts the records handled since
         * the last call, from the last sample before the first change (conservative by one sample).
         */
        Rate awaitHandled(long total, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long first = 0;
            long sampled = System.nanoTime();
            long handled = handled();
            while (handled < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + handled + " of " + total + " errors handled after " + timeout);
                }
                Thread.sleep(100);
                long previous = sampled;
                sampled = System.nanoTime();
                handled = handled();
                if (first == 0 && handled > handledBefore) {
                    first = previous;
                }
            }
            long done = System.nanoTime();
            long records = handled - handledBefore;
            handledBefore = handled;
            return new Rate(records, (done - (first == 0 ? sampled : first)) / 1e9);
        }

        /** Mean size, duration and de-duplication time of the service's batches so far. */
        String batches() throws IOException, InterruptedException {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return String.format("%.0f records, %.0f ms, de-duplication %.0f ms (means)",
                    mean(text, "error_summary_batch_size"), 1000 * mean(text, "error_summary_batch_duration_seconds"),
                    1000 * mean(text, "error_summary_batch_dedupe_seconds"));
        }

        private static double mean(String metrics, String name) {
            return value(metrics, name + "_sum") / value(metrics, name + "_count");
        }

        private static double value(String metrics, String name) {
            Matcher m = Pattern.compile("^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(metrics);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }

        /** Quarkus's own "started in" figure from the service log. */
        double startedIn(Path log) throws IOException {
            Matcher m = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }
    }

    /** Event-to-visible latency: probe errors of one run, and a poller that sees their count grow. */
    static final class Freshness {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final int port;
        private final String token;
        private final long run;
        private final List<Long> sent = new ArrayList<>();
        private final List<Long> latencies = new ArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private Thread poller;

        Freshness(int port, String token, long run) {
            this.port = port;
            this.token = token;
            this.run = run;
        }

        synchronized void sent(long nanos) {
            sent.add(nanos);
        }

        void start() {
            poller = new Thread(() -> {
                int seen = 0;
                while (!stop.get()) {
                    try {
                        long visible = visible();
                        long now = System.nanoTime();
                        synchronized (this) {
                            for (; seen < visible && seen < sent.size(); seen++) {
                                latencies.add(now - sent.get(seen));
                            }
                        }
                        Thread.sleep(5);
                    } catch (IOException e) {
                        say("freshness poll failed, polling again: %s", e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-freshness");
            poller.start();
        }

        private long visible() throws IOException, InterruptedException {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/runs/" + run + "/error-summary?group_by=severity"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return 0;
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + ": " + new String(response.body()));
            }
            long total = 0;
            for (JsonNode bucket : JSON.readTree(response.body()).path("data")) {
                total += bucket.path("count").asLong();
            }
            return total;
        }

        void stop() throws InterruptedException, IOException {
            stop.set(true);
            poller.join();
            synchronized (this) {
                say("freshness: %d probes sent, %d timed, %d visible now", sent.size(), latencies.size(), visible());
            }
        }

        synchronized int probes() {
            return latencies.size();
        }

        synchronized double percentileMillis(double p) {
            if (latencies.isEmpty()) {
                return Double.NaN;
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
        }
    }

    /** The largest resident set size of a process, sampled every 100 ms. */
    static final class RssSampler implements AutoCloseable {

        private final AtomicLong max = new AtomicLong();
        private volatile boolean closed;

        void watch(long pid) {
            Thread sampler = new Thread(() -> {
                Path status = Path.of("/proc", Long.toString(pid), "status");
                while (!closed) {
                    try {
                        for (String line : Files.readAllLines(status)) {
                            if (line.startsWith("VmRSS:")) {
                                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                                max.accumulateAndGet(kb, Math::max);
                            }
                        }
                        Thread.sleep(100);
                    } catch (IOException | InterruptedException gone) {
                        return;
                    }
                }
            }, "bench-rss");
            sampler.setDaemon(true);
            sampler.start();
        }

        long maxKilobytes() {
            return max.get();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
