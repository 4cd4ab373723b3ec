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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
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
import org.ccextractor.sampleplatform.errorsummary.bench.Ceilings.Reference;
import org.ccextractor.sampleplatform.errorsummary.bench.ReadLoad.Compared;
import org.ccextractor.sampleplatform.errorsummary.counters.Dimension;
import org.ccextractor.sampleplatform.errorsummary.local.FreePort;
import org.ccextractor.sampleplatform.errorsummary.local.KafkaBrokerProcess;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;
import org.ccextractor.sampleplatform.errorsummary.local.LocalKeys;
import org.ccextractor.sampleplatform.errorsummary.local.ServiceProcess;
import org.ccextractor.sampleplatform.errorsummary.testing.GroundTruth;

/**
 * The README's benchmark (./mvnw -Pbench package): one run, on loopback, of the reference consumers and the service
 * on the same events, then reads under ingestion, printed as one table. The broker, PostgreSQL, the service and each
 * reference are processes of their own. Every count the service ends with is compared with the generator's ground
 * truth. {@code -Dbench.scale} shrinks the event counts (CI runs a tiny one); {@code -Dbench.read-seconds} sets the
 * length of each read load.
 */
public final class Benchmark {

    static final String TOPIC = "bench-events";
    static final int CLIENTS = 8;
    /** Reads before the measured ones, as a service that has been serving for a while has had. */
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final int PAGE = 50;
    /* Run ids of their own, so that a database shared with other tests (CI's) holds no other counters of them. */
    static final long READ_RUN = 7_001;
    /** The read run's baseline (issue 18's comparison): master's run of the read run's branch point. */
    static final long BASELINE_RUN = 6_001;
    static final long SMALL_RUN = 7_002;
    static final long BIG_RUN = 8_001;
    static final long PROBE_RUN = 9_999;
    /** The read run is a pull request's run on linux whose branch left master at BASE_COMMIT; BASELINE_RUN tested it. */
    static final String READ_COMMIT = "5d41402abc4b2a76b9719d911017c592ae3f1c2b";
    static final String BASE_COMMIT = "7c4a8d09ca3762af61e59520943dc26494f8941b";
    static final int TESTS_EXPECTED = 10_000;
    /**
     * The baseline's errors: its sample and regression ids shifted by a tenth (so a tenth of each run's keys are its
     * own: new and fixed), one type and one category named otherwise; both runs hash every eighth regression test's
     * output, so that its buckets can be changed.
     */
    static final BenchData.Variant READ_VARIANT = new BenchData.Variant(0, 0, BenchData.TYPES, BenchData.CATEGORIES, true);
    static final BenchData.Variant BASELINE_VARIANT = new BenchData.Variant(50, 1_000,
            renamed(BenchData.TYPES, "storage", "network"), renamed(BenchData.CATEGORIES, "XDS", "ARIB"), true);
    static final int BACKGROUND_PER_SECOND = 10_000;
    static final String[] GROUP_BYS = { "type", "severity", "sample_id", "regression_id", "category" };
    static final String[] SCOPES = { null, "info", "warning", "error", "critical" };
    /** Durability is not what is measured. */
    static final Map<String, String> POSTGRES = Map.of("fsync", "off", "synchronous_commit", "off",
            "full_page_writes", "off", "shared_buffers", "256MB");
    /** The service's rate limit (its shipped limiter, shared through PostgreSQL), raised so that it is never reached. */
    static final String RATE_LIMIT = "1000000000";
    /** The service's default ERROR_SUMMARY_SUMMARY_MAX_STALENESS: how long a ranked view may be served unchanged. */
    static final Duration VIEW_STALENESS = Duration.ofMillis(250);

    /** The JVM as it runs in its pod: the image's options (src/main/docker/Dockerfile.jvm). */
    static final String SERVICE_JVM = ImageJvm.options();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final double scale;
    private final Duration readTime;
    private final int servicePort = FreePort.pick();
    private final List<String> failures = new ArrayList<>();

    Benchmark(double scale, Duration readTime) {
        this.scale = scale;
        this.readTime = readTime;
    }

    /** What one run measured, for the table. */
    record Measured(long mainRecords, Map<Reference, Rate> references, Rate ingest, Rate baseline, Rate big, Map<String, double[]> cold,
            Compared reads, Compared sizes, Compared compares, Freshness freshness, long rssIngestKb, long rssAllKb,
            double startup, double startedIn) {
    }

    private static String[] renamed(String[] names, String from, String to) {
        return Arrays.stream(names).map(name -> name.equals(from) ? to : name).toArray(String[]::new);
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
        String loadBefore = loadAverage();
        // A broker of its own whatever KAFKA_BOOTSTRAP_SERVERS says, as a process of its own; PostgreSQL as configured
        // or embedded (a process of its own too).
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.format(work.resolve("broker"), FreePort.pick(), FreePort.pick())
                .start();
                LocalInfrastructure infrastructure = LocalInfrastructure.startWithKafka(broker.bootstrapServers(), POSTGRES)) {
            LocalKeys keys = LocalKeys.generate(work.resolve("keys"));
            infrastructure.createTopic(TOPIC);
            infrastructure.createTopic(TOPIC + ".dlq");
            String bootstrap = broker.bootstrapServers();
            BenchData data = new BenchData(42, Set.of(READ_RUN, SMALL_RUN));

            // 1. The events: 350,000 errors of 50 runs, one of them 100,000 errors over ~10,000 regression tests
            // (a size that keeps the whole benchmark to minutes here), a pull request's run that completes.
            List<RunSpec> runs = new ArrayList<>();
            runs.add(new RunSpec(READ_RUN, n(100_000), 500, 10_000, READ_VARIANT,
                    new BenchData.Metadata("pr-1", "linux", READ_COMMIT, BASE_COMMIT, TESTS_EXPECTED)));
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
            List<JsonNode> checkedEvents = data.keptEvents();

            // 2. The references, one after the other on the same topic, each a JVM of its own.
            // -Dbench.ceilings=false leaves them out, when only the service is being tuned.
            boolean ceilings = Boolean.parseBoolean(System.getProperty("bench.ceilings", "true"));
            Map<Reference, Rate> references = new EnumMap<>(Reference.class);
            for (Reference reference : Reference.values()) {
                Rate rate = ceilings ? Ceilings.measure(reference, bootstrap, TOPIC, data, work) : Rate.NOT_MEASURED;
                references.put(reference, rate);
                say("%s: %,.0f records/s, %.1f CPU-seconds", reference.title, rate.perSecond(), rate.cpuSeconds());
            }

            // 3. The service on the same topic, from the beginning.
            Path log = work.resolve("service.log");
            ServiceProcess service = new ServiceProcess(infrastructure, keys, servicePort, Map.of(
                    "MP_MESSAGING_INCOMING_ERROR_EVENTS_TOPIC", TOPIC,
                    "MP_MESSAGING_OUTGOING_DEAD_LETTERS_TOPIC", TOPIC + ".dlq",
                    "ERROR_SUMMARY_RATE_LIMIT_REQUESTS", RATE_LIMIT,
                    // A freshly migrated schema, as the tests have: the broker is new, so offsets and counters that a
                    // configured database kept from an earlier run would not belong to its records.
                    "QUARKUS_FLYWAY_CLEAN_DISABLED", "false",
                    "QUARKUS_FLYWAY_CLEAN_AT_START", "true",
                    // e.g. a flight recording: -Dbench.service-options=-XX:StartFlightRecording=filename=target/bench/service.jfr
                    "JAVA_TOOL_OPTIONS", serviceOptions()),
                    ProcessBuilder.Redirect.to(log.toFile()));
            long launched = System.nanoTime();
            try (service; RssSampler rss = new RssSampler()) {
                service.start();
                double startup = (System.nanoTime() - launched) / 1e9;
                rss.watch(service.pid());
                Metrics metrics = new Metrics(servicePort, service.pid());
                // The same records as the references read, run_created and garbage included.
                Rate handled = metrics.awaitHandled(data.errorRecords(), Duration.ofMinutes(5));
                Rate ingest = new Rate(mainRecords, handled.seconds(), handled.cpuSeconds());
                long rssIngest = rss.maxKilobytes();
                say("service batches: %s", metrics.batches());
                say("service: %,.0f records/s, %.1f CPU-seconds, max RSS %,d MB, ready %.2f s after launch",
                        ingest.perSecond(), ingest.cpuSeconds(), rssIngest / 1024, startup);
                String checker = keys.readerToken("bench-checker");
                verify(infrastructure, data, "after the main ingest");

                // 3b. The read run's baseline, a run of its own size, published while the service consumes it: a phase
                // of its own, so that the main topic (and its rate) stays the 50 runs measured before issue 18.
                try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                    data.publish(producer, TOPIC, List.of(new RunSpec(BASELINE_RUN, n(100_000), 500, 10_000, BASELINE_VARIANT,
                            new BenchData.Metadata("master", "linux", BASE_COMMIT, null, TESTS_EXPECTED))), Pace.FULL_SPEED);
                }
                Rate baseline = metrics.awaitHandled(data.errorRecords(), Duration.ofMinutes(5));
                say("service, 100,000-error baseline run published meanwhile: %,.0f records/s, %.1f CPU-seconds",
                        baseline.perSecond(), baseline.cpuSeconds());
                awaitComplete(infrastructure, Duration.ofSeconds(60), READ_RUN, BASELINE_RUN);
                // The first compare of each dimension: nothing of the two runs read yet, no view ranked, no comparison.
                Map<String, double[]> cold = coldCompares(checker);
                verifyApi(checker, checkedEvents, "after the main ingest");
                verifyCompare(checker, data, "after the main ingest");

                // 4. A run of 1,000,000 errors, published while the service consumes it.
                try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                    data.publish(producer, TOPIC, List.of(new RunSpec(BIG_RUN, n(1_000_000), 500, 10_000)), Pace.FULL_SPEED);
                }
                Rate big = metrics.awaitHandled(data.errorRecords(), Duration.ofMinutes(5));
                say("service, 1,000,000-error run published meanwhile: %,.0f records/s, %.1f CPU-seconds",
                        big.perSecond(), big.cpuSeconds());
                verify(infrastructure, data, "after the 1,000,000-error run");

                // 5. Reads while 10,000 events/s arrive, with probes for freshness. The read runs are complete: their
                // views' sizes, taken before the background runs grow, are fixed.
                Function<Random, String> readRun = anyPage(READ_RUN, data);
                Function<Random, String> smallRun = anyPage(SMALL_RUN, data);
                Function<Random, String> bigRun = anyPage(BIG_RUN, data);
                Function<Random, String> compareRun = anyComparePage(READ_RUN, BASELINE_RUN, data);
                Freshness freshness = new Freshness(servicePort, keys.readerToken("bench-freshness"), PROBE_RUN);
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
                // Not measured: the first seconds of the background ingest (new runs: every key a new row), until the
                // service keeps up with it; then reads while the JIT compiles the read paths and each view is ranked
                // once, as in a service that has been serving for a while.
                metrics.awaitKeepingUp(data, Duration.ofSeconds(60));
                List<Function<Random, String>> every = List.of(readRun, smallRun, bigRun, random -> "/robots.txt");
                ReadLoad.run(servicePort, tokens, WARM_UP, random -> every.get(random.nextInt(every.size())).apply(random));
                freshness.measureFromNow();
                // The server's own ceiling: a static file through the same HTTP server, by the same clients.
                Compared reads = ReadLoad.alternating(servicePort, tokens, readTime, readRun, random -> "/robots.txt");
                Compared sizes = ReadLoad.alternating(servicePort, tokens, readTime.dividedBy(2), smallRun, bigRun);
                // Compare pages against summary pages of the same run: unmeasured first (the JIT, every comparison
                // ranked), then each client's every request one or the other at random, so both share the same time.
                ReadLoad.run(servicePort, tokens, WARM_UP, compareRun);
                Compared compares = ReadLoad.interleaved(servicePort, tokens, readTime.multipliedBy(2), compareRun, readRun);
                say("service reads: %s", metrics.reads());
                say("service compares: %s", metrics.compares());
                stop.set(true);
                background.join();
                freshness.stop();
                metrics.awaitHandled(data.errorRecords(), Duration.ofMinutes(2));
                long rssAll = rss.maxKilobytes();
                verify(infrastructure, data, "after the read phase");
                verifyApi(checker, checkedEvents, "after the read phase");
                verifyCompare(checker, data, "after the read phase");

                report(new Measured(mainRecords, references, ingest, baseline, big, cold, reads, sizes, compares, freshness,
                        rssIngest, rssAll, startup, metrics.startedIn(log)), data, infrastructure, loadBefore);
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

    /** A random page of a random view (group_by and severity) of a complete run. */
    private static Function<Random, String> anyPage(long run, BenchData data) {
        long[] viewBuckets = IntStream.range(0, GROUP_BYS.length * SCOPES.length)
                .mapToLong(v -> data.buckets(run, GROUP_BYS[v / SCOPES.length], v % SCOPES.length)).toArray();
        return random -> {
            int view = random.nextInt(viewBuckets.length);
            long pages = Math.max(1, (viewBuckets[view] + PAGE - 1) / PAGE);
            String severity = SCOPES[view % SCOPES.length];
            return "/api/v1/runs/" + run + "/error-summary?group_by=" + GROUP_BYS[view / SCOPES.length]
                    + (severity == null ? "" : "&severity=" + severity) + "&offset=" + random.nextLong(pages) * PAGE;
        };
    }

    /**
     * A random page of a random view (group_by and severity) of the run's comparison with its baseline ({@code auto}:
     * the branch point), its offset within the view's total: the buckets of either run in that scope.
     */
    private static Function<Random, String> anyComparePage(long run, long baseline, BenchData data) {
        long[] viewBuckets = IntStream.range(0, GROUP_BYS.length * SCOPES.length)
                .mapToLong(v -> union(data, run, baseline, GROUP_BYS[v / SCOPES.length], v % SCOPES.length).size()).toArray();
        return random -> {
            int view = random.nextInt(viewBuckets.length);
            long pages = Math.max(1, (viewBuckets[view] + PAGE - 1) / PAGE);
            String severity = SCOPES[view % SCOPES.length];
            return "/api/v1/runs/" + run + "/error-summary/compare?group_by=" + GROUP_BYS[view / SCOPES.length]
                    + (severity == null ? "" : "&severity=" + severity) + "&offset=" + random.nextLong(pages) * PAGE;
        };
    }

    /** The keys of either run in one view (dimension and scope). */
    private static Set<String> union(BenchData data, long run, long baseline, String dimension, int scope) {
        Set<String> keys = new HashSet<>(data.keys(run, dimension, scope).keySet());
        keys.addAll(data.keys(baseline, dimension, scope).keySet());
        return keys;
    }

    /** Waits until PostgreSQL holds the runs as complete (their run_completed counted). */
    private void awaitComplete(LocalInfrastructure infrastructure, Duration timeout, long... runIds) throws Exception {
        LocalInfrastructure.Database db = infrastructure.database();
        String ids = Arrays.stream(runIds).mapToObj(String::valueOf).collect(Collectors.joining(","));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM runs WHERE complete AND run_id IN (" + ids + ")")) {
                    rows.next();
                    if (rows.getLong(1) == runIds.length) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    fail("runs " + ids + " not all complete after " + timeout);
                    return;
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * The first compare of each dimension of the read run, page 0 without severity, and the same request again at once:
     * milliseconds, as the client sees them. Nothing of the read run or of its baseline has been read before, so the
     * first loads and ranks both runs' views from PostgreSQL and compares them. One summary read of another run first,
     * so that the HTTP connection, the token's verification and the database pool have been used once.
     */
    private Map<String, double[]> coldCompares(String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        get(http, token, "/api/v1/runs/" + SMALL_RUN + "/error-summary?group_by=type");
        Map<String, double[]> millis = new LinkedHashMap<>();
        for (String groupBy : GROUP_BYS) {
            String path = "/api/v1/runs/" + READ_RUN + "/error-summary/compare?group_by=" + groupBy;
            double[] times = new double[2];
            for (int i = 0; i < 2; i++) {
                long started = System.nanoTime();
                get(http, token, path);
                times[i] = (System.nanoTime() - started) / 1e6;
            }
            millis.put(groupBy, times);
            say("first compare, group_by=%s: %.1f ms (then %.2f ms)", groupBy, times[0], times[1]);
        }
        return millis;
    }

    private JsonNode get(HttpClient http, String token, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " -> HTTP " + response.statusCode() + ": " + new String(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /**
     * Every page (100 a page) of every view of the read run's comparison with its automatic baseline, against what the
     * generator knows, without a second oracle: the run and its baseline (branch point, both complete); each page's
     * total = the buckets of either run in that scope, and its status counts adding up to it; new = the run's keys the
     * baseline has no error of, fixed = the baseline's the run has none of (both decided on the whole bucket); the pages'
     * keys are that union, each once, with the run's and the baseline's counts in that scope, statuses in order;
     * changed only where every error of both buckets carried an output_hash.
     */
    private void verifyCompare(String token, BenchData data, String when) throws Exception {
        Thread.sleep(VIEW_STALENESS.multipliedBy(2).toMillis());
        long started = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        StringBuilder statuses = new StringBuilder();
        int pages = 0;
        try {
            for (String groupBy : GROUP_BYS) {
                Set<String> runWhole = data.keys(READ_RUN, groupBy, 0).keySet();
                Set<String> baselineWhole = data.keys(BASELINE_RUN, groupBy, 0).keySet();
                for (int scope = 0; scope < SCOPES.length; scope++) {
                    Map<String, Long> run = data.keys(READ_RUN, groupBy, scope);
                    Map<String, Long> baseline = data.keys(BASELINE_RUN, groupBy, scope);
                    Set<String> union = new HashSet<>(run.keySet());
                    union.addAll(baseline.keySet());
                    long expectedNew = run.keySet().stream().filter(k -> !baselineWhole.contains(k)).count();
                    long expectedFixed = baseline.keySet().stream().filter(k -> !runWhole.contains(k)).count();
                    String view = "group_by=" + groupBy + (SCOPES[scope] == null ? "" : "&severity=" + SCOPES[scope]);
                    Set<String> seen = new HashSet<>();
                    int lastStatus = 0;
                    JsonNode counts = null;
                    for (long offset = 0; offset >= 0; pages++) {
                        JsonNode body = get(http, token, "/api/v1/runs/" + READ_RUN + "/error-summary/compare?" + view
                                + "&limit=100&offset=" + offset);
                        String at = view + "&offset=" + offset + ": ";
                        check(body.path("run").path("run_id").asLong() == READ_RUN && body.path("run").path("complete").asBoolean(),
                                at + "run " + body.path("run"));
                        check(body.path("baseline").path("run_id").asLong() == BASELINE_RUN
                                && "branch_point".equals(body.path("baseline").path("resolved_by").asText())
                                && body.path("baseline").path("complete").asBoolean(), at + "baseline " + body.path("baseline"));
                        long total = body.path("pagination").path("total").asLong();
                        check(total == union.size(), at + "total " + total + ", buckets of either run " + union.size());
                        counts = body.path("counts");
                        long sum = 0;
                        for (JsonNode count : counts) {
                            sum += count.asLong();
                        }
                        check(sum == total, at + "counts " + counts + " add up to " + sum + ", total " + total);
                        check(counts.path("new").asLong() == expectedNew && counts.path("fixed").asLong() == expectedFixed
                                && counts.path("not_rerun").asLong() == 0 && counts.path("no_reference").asLong() == 0,
                                at + "counts " + counts + ", expected new " + expectedNew + ", fixed " + expectedFixed);
                        for (JsonNode bucket : body.path("data")) {
                            String key = bucket.path("key").isNull() ? Dimension.NOT_GIVEN : bucket.path("key").asText();
                            String status = bucket.path("status").asText();
                            check(seen.add(key) && union.contains(key), at + "key " + key + " repeated or of neither run");
                            check(bucket.path("count").asLong() == run.getOrDefault(key, 0L)
                                    && bucket.path("baseline_count").asLong() == baseline.getOrDefault(key, 0L),
                                    at + "bucket " + bucket + ", counts " + run.get(key) + " and " + baseline.get(key));
                            String expected = !baselineWhole.contains(key) ? "new" : !runWhole.contains(key) ? "fixed" : "both";
                            check(expected.equals(status) || expected.equals("both")
                                    && (status.equals("recurring") || status.equals("changed")), at + "bucket " + bucket
                                    + " is " + expected);
                            check(!status.equals("changed") || data.allHashed(READ_RUN, groupBy, key)
                                    && data.allHashed(BASELINE_RUN, groupBy, key), at + "bucket " + bucket
                                    + " changed, but not every error of it carried an output_hash");
                            int order = List.of("new", "changed", "recurring", "not_rerun", "fixed", "no_reference").indexOf(status);
                            check(order >= lastStatus, at + "bucket " + bucket + " after a later status");
                            lastStatus = order;
                        }
                        offset = body.path("pagination").path("next_offset").isNull() ? -1
                                : body.path("pagination").path("next_offset").asLong();
                    }
                    check(seen.equals(union), view + ": the pages hold " + seen.size() + " buckets, either run " + union.size());
                    if (scope == 0) {
                        statuses.append(String.format("%n[bench]   %s: %s", groupBy, counts));
                    }
                }
            }
            say("compare sane %s: every page (%,d) of the %d views of run %d against its baseline %d: totals, status counts,"
                    + " keys, counts (%.1f s); counts without severity:%s", when, pages, GROUP_BYS.length * SCOPES.length,
                    READ_RUN, BASELINE_RUN, (System.nanoTime() - started) / 1e9, statuses);
        } catch (IllegalStateException e) {
            fail("compare differs " + when + ": " + e.getMessage().substring(0, Math.min(e.getMessage().length(), 500)));
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
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
            String runs = data.runs().stream().map(String::valueOf).collect(Collectors.joining(","));
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
        fail(String.format("counts differ %s: %,d expected rows wrong or missing, %,d unexpected rows", when, wrong, extra));
    }

    /**
     * Every page of every view (each group_by, with no severity and with each) of the read run and the 1,000-error
     * run, through the API, against the summaries computed from their events: counts, worst severities, first and
     * last seen, order and totals. Called once ingestion has caught up; a ranked view may still be served as it was
     * for {@link #VIEW_STALENESS}, so it waits that long (twice) first.
     */
    private void verifyApi(String token, List<JsonNode> events, String when) throws Exception {
        Thread.sleep(VIEW_STALENESS.multipliedBy(2).toMillis());
        long started = System.nanoTime();
        try {
            GroundTruth.assertSummaries(servicePort, token, events, List.of(READ_RUN, SMALL_RUN), Arrays.asList(SCOPES));
            say("API exact %s: every page of the %d views of runs %d and %d equals the ground truth (%.1f s)", when,
                    GROUP_BYS.length * SCOPES.length, READ_RUN, SMALL_RUN, (System.nanoTime() - started) / 1e9);
        } catch (AssertionError e) {
            String message = String.valueOf(e.getMessage());
            fail("API differs " + when + ": " + message.substring(0, Math.min(message.length(), 500)));
        }
    }

    private void fail(String failure) {
        say("%s", failure);
        failures.add(failure);
    }

    private void report(Measured m, BenchData data, LocalInfrastructure infrastructure, String loadBefore) throws IOException {
        Rate plain = m.references().get(Reference.PLAIN_CONSUMER);
        Rate eos = m.references().get(Reference.STREAMS_EXACTLY_ONCE_V2);
        ReadLoad.Latencies anyPage = m.reads().first();
        ReadLoad.Latencies robots = m.reads().second();
        ReadLoad.Latencies small = m.sizes().first();
        ReadLoad.Latencies large = m.sizes().second();
        ReadLoad.Latencies compare = m.compares().first();
        ReadLoad.Latencies summary = m.compares().second();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "measure", "value", "target", "met" });
        rows.add(row("records in the ingest topic (50 runs)", "%,d", m.mainRecords(), null, null));
        for (Reference reference : Reference.values()) {
            rows.add(rateRow(reference.title + " (own JVM)", m.references().get(reference)));
        }
        rows.add(rateRow("service (exactly once, de-duplicated)", m.ingest()));
        double perEos = m.ingest().perSecond() / eos.perSecond();
        rows.add(row("service / Kafka Streams exactly_once_v2", "%.2fx", perEos, ">= 2x", perEos >= 2));
        double perPlain = m.ingest().perSecond() / plain.perSecond();
        rows.add(row("service / plain consumer + parse ceiling", "%.2fx", perPlain, ">= 0.25x", perPlain >= 0.25));
        rows.add(rateRow("service, 100,000-error baseline run, after the main ingest, while it is published", m.baseline()));
        rows.add(rateRow("service, 1,000,000-error run while it is published", m.big()));
        rows.add(row("read any page of any view of a 100,000-error run (8 clients, ingest " + backgroundPerSecond()
                + "/s): p50 ms", "%.2f", anyPage.percentileMillis(50), null, null));
        rows.add(row("  ... p99 ms", "%.2f", anyPage.percentileMillis(99), "<= 10 ms", anyPage.percentileMillis(99) <= 10));
        rows.add(row("  ... requests/s", "%,.0f", anyPage.perSecond(), null, null));
        rows.add(row("static /robots.txt, same server and clients, meanwhile: requests/s (p99 ms)", "%s",
                String.format("%,.0f (%.2f)", robots.perSecond(), robots.percentileMillis(99)), null, null));
        double perStatic = anyPage.perSecond() / robots.perSecond();
        rows.add(row("summary reads / static file requests/s", "%.2fx", perStatic, ">= 0.5x", perStatic >= 0.5));
        rows.add(row("any page, 1,000-error run: requests/s (p99 ms)", "%s",
                String.format("%,.0f (%.2f)", small.perSecond(), small.percentileMillis(99)), null, null));
        rows.add(row("any page, 1,000,000-error run: requests/s (p99 ms)", "%s",
                String.format("%,.0f (%.2f)", large.perSecond(), large.percentileMillis(99)), null, null));
        double sizeRatio = large.perSecond() / small.perSecond();
        rows.add(row("1,000,000-error run / 1,000-error run requests/s", "%.2fx", sizeRatio, ">= 0.8x", sizeRatio >= 0.8));
        rows.add(row("compare the 100,000-error run with its 100,000-error baseline (" + BASELINE_RUN + ", auto), idle service:", "%s",
                "", null, null));
        m.cold().forEach((groupBy, millis) -> rows.add(row(String.format("  first (cold) request, group_by=%s (%,d buckets): ms"
                + " (the next request)", groupBy, union(data, READ_RUN, BASELINE_RUN, groupBy, 0).size()), "%s",
                String.format("%.1f (%.2f)", millis[0], millis[1]), null, null)));
        rows.add(row("compare: any page of any view (8 clients, ingest " + backgroundPerSecond()
                + "/s, each request this or a summary at random): p50 ms", "%.2f", compare.percentileMillis(50), null, null));
        rows.add(row("  ... p99 ms", "%.2f", compare.percentileMillis(99), null, null));
        rows.add(row("summary: any page of any view of the same 100,000-error run, same clients, same time: p50 ms", "%.2f",
                summary.percentileMillis(50), null, null));
        rows.add(row("  ... p99 ms", "%.2f", summary.percentileMillis(99), null, null));
        rows.add(row("  ... requests/s, compare / summary (each about half of the same clients' requests)", "%s",
                String.format("%,.0f / %,.0f", compare.perSecond(), summary.perSecond()), null, null));
        double p50Ratio = compare.percentileMillis(50) / summary.percentileMillis(50);
        rows.add(row("compare / summary p50", "%.2fx", p50Ratio, "<= 1.25x", p50Ratio <= 1.25));
        double p99Ratio = compare.percentileMillis(99) / summary.percentileMillis(99);
        rows.add(row("compare / summary p99", "%.2fx", p99Ratio, "<= 1.25x", p99Ratio <= 1.25));
        Freshness freshness = m.freshness();
        rows.add(row("event-to-visible at " + backgroundPerSecond() + " events/s: p50 ms", "%.0f", freshness.percentileMillis(50), null, null));
        rows.add(row("  ... p99 ms (" + freshness.probes() + " probes)", "%.0f", freshness.percentileMillis(99), "< 1000 ms",
                freshness.percentileMillis(99) < 1000));
        rows.add(row("service max RSS during the main ingest, MB", "%,d", m.rssIngestKb() / 1024, null, null));
        rows.add(row("service max RSS over the whole benchmark, MB", "%,d", m.rssAllKb() / 1024, null, null));
        rows.add(row("service start-up: Quarkus \"started in\", s", "%.2f", m.startedIn(), null, null));
        rows.add(row("service start-up: launch to ready, s", "%.2f", m.startup(), null, null));
        rows.add(row("counts exact (every bucket of every view: counter rows after each phase, every API page twice; every"
                + " compare page twice: totals, status counts, keys, counts)",
                "%s", failures.isEmpty() ? "yes" : "NO", "yes", failures.isEmpty()));

        StringBuilder out = new StringBuilder();
        out.append(String.format("%nerror-summary benchmark, %s, %d cores, scale %s (%,d distinct errors in all), load average"
                + " before %s, after %s%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(), scale,
                data.distinctErrors(), loadBefore, loadAverage()));
        out.append(String.format("Processes of their own: the broker (kafka.Kafka, src/test/resources/kafka-broker), PostgreSQL (%s), the service"
                + " (the image's JVM options), each reference (the JVM's and its client's defaults). The service's rate limiter:"
                + " shared (PostgreSQL), its limit raised to %,d requests per window, never reached. CPU-seconds: utime + stime"
                + " of the process from its first to its last record.%n%n",
                infrastructure.database().jdbcUrl(), Long.parseLong(RATE_LIMIT)));
        for (String[] r : rows) {
            out.append(String.format("| %-96s | %18s | %9s | %4s |%n", (Object[]) r));
            if (r == rows.get(0)) {
                out.append("|").append("-".repeat(98)).append("|").append("-".repeat(20)).append("|")
                        .append("-".repeat(11)).append("|").append("-".repeat(6)).append("|\n");
            }
        }
        System.out.println(out);
        Files.writeString(Path.of("target", "bench", "results.md"), out.toString());
    }

    private static String[] rateRow(String what, Rate rate) {
        return row(what + ": records/s (CPU-seconds)", "%s", String.format("%,.0f (%.1f)", rate.perSecond(), rate.cpuSeconds()),
                null, null);
    }

    private static String[] row(String what, String format, Object value, String target, Boolean met) {
        return new String[] { what, String.format(format, value), target == null ? "" : target,
                met == null ? "" : met ? "yes" : "NO" };
    }

    /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    /** The service's own counters, read from /q/metrics, and its CPU time. */
    static final class Metrics {

        private static final Pattern SAMPLE = Pattern.compile(
                "^error_summary_events_(counted|duplicates)_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$", Pattern.MULTILINE);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final int port;
        private final long pid;
        private long handledBefore;

        Metrics(int port, long pid) {
            this.port = port;
            this.pid = pid;
        }

        /** Errors counted plus duplicates dropped so far. */
        long handled() throws IOException, InterruptedException {
            String text = scrape();
            Matcher m = SAMPLE.matcher(text);
            long sum = 0;
            while (m.find()) {
                sum += (long) Double.parseDouble(m.group(2));
            }
            return sum;
        }

        /**
         * Waits until {@code total} error records are handled; the rate counts the records handled since the last
         * call, from the last sample before the first change (conservative by one sample), and the service's CPU
         * time over the same span (its /q/metrics answers, every 100 ms, included).
         */
        Rate awaitHandled(long total, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long first = 0;
            double cpuAtFirst = 0;
            long sampled = System.nanoTime();
            double cpu = CpuTime.seconds(pid);
            long handled = handled();
            while (handled < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + handled + " of " + total + " errors handled after " + timeout);
                }
                Thread.sleep(100);
                long previous = sampled;
                double previousCpu = cpu;
                sampled = System.nanoTime();
                cpu = CpuTime.seconds(pid);
                handled = handled();
                if (first == 0 && handled > handledBefore) {
                    first = previous;
                    cpuAtFirst = previousCpu;
                }
            }
            long done = System.nanoTime();
            double cpuDone = CpuTime.seconds(pid);
            long records = handled - handledBefore;
            handledBefore = handled;
            return first == 0 ? new Rate(records, (done - sampled) / 1e9, cpuDone - cpu)
                    : new Rate(records, (done - first) / 1e9, cpuDone - cpuAtFirst);
        }

        /**
         * Waits until the service keeps up with what is being published: for three seconds in a row, fewer error
         * records waiting than a tenth of a second's worth at the background rate. Says so if it does not in time.
         */
        void awaitKeepingUp(BenchData data, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int steady = 0;
            while (steady < 3 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                steady = data.errorRecords() - handled() < BACKGROUND_PER_SECOND / 10 ? steady + 1 : 0;
            }
            if (steady < 3) {
                say("the service did not keep up with the background ingest within %s; measuring anyway", timeout);
            }
        }

        /** Mean size and duration of the service's batches so far, and the mean time of each stage. */
        String batches() throws IOException, InterruptedException {
            String text = scrape();
            StringBuilder stages = new StringBuilder();
            Matcher m = Pattern.compile("^error_summary_batch_stage_seconds_sum\\{[^}]*stage=\"([a-z_]+)\"[^}]*\\} ([0-9.eE+]+)$",
                    Pattern.MULTILINE).matcher(text);
            while (m.find()) {
                double count = value(text, "error_summary_batch_stage_seconds_count\\{[^}]*stage=\"" + m.group(1) + "\"[^}]*\\}");
                stages.append(String.format(", %s %.1f", m.group(1), 1000 * Double.parseDouble(m.group(2)) / count));
            }
            return String.format("%.0f records, %.0f ms; stages, ms%s (means)", mean(text, "error_summary_batch_size"),
                    1000 * mean(text, "error_summary_batch_duration_seconds"), stages);
        }

        /**
         * Where the reads' time went so far: the summary route's time inside the HTTP server (request read to
         * response written, Micrometer's http-server binder), how each read found its ranked view, and the loads.
         */
        String reads() throws IOException, InterruptedException {
            String text = scrape();
            String route = "http_server_requests_seconds_%s\\{[^}]*uri=\"/api/v1/runs/\\{run_id\\}/error-summary\"[^}]*\\}";
            double served = total(text, route.formatted("count"));
            return String.format("%.0f summaries served, in the server %.2f ms mean, %.1f ms max; views %.0f fresh, "
                    + "%.0f checked, %.0f loaded; view loads %.1f ms mean, %.1f ms max", served,
                    1000 * total(text, route.formatted("sum")) / served, 1000 * max(text, route.formatted("max")),
                    total(text, "error_summary_views_reads_total\\{[^}]*result=\"fresh\"[^}]*\\}"),
                    total(text, "error_summary_views_reads_total\\{[^}]*result=\"checked\"[^}]*\\}"),
                    total(text, "error_summary_views_reads_total\\{[^}]*result=\"loaded\"[^}]*\\}"),
                    1000 * mean(text, "error_summary_views_load_seconds"),
                    1000 * value(text, "error_summary_views_load_seconds_max"));
        }

        /** The compare route's time inside the HTTP server so far, and how often a comparison was found ranked. */
        String compares() throws IOException, InterruptedException {
            String text = scrape();
            String route = "http_server_requests_seconds_%s\\{[^}]*uri=\"/api/v1/runs/\\{run_id\\}/error-summary/compare\"[^}]*\\}";
            String gets = "cache_gets_total\\{(?=[^}]*cache=\"comparisons\")(?=[^}]*result=\"%s\")[^}]*\\}";
            double served = total(text, route.formatted("count"));
            return String.format("%.0f compares served, in the server %.2f ms mean, %.1f ms max; comparisons %.0f found"
                    + " ranked, %.0f ranked", served, 1000 * total(text, route.formatted("sum")) / served,
                    1000 * max(text, route.formatted("max")), total(text, gets.formatted("hit")), total(text, gets.formatted("miss")));
        }

        private String scrape() throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        /** The sum of every series whose name and labels match. */
        private static double total(String metrics, String series) {
            return matches(metrics, series).sum();
        }

        private static double max(String metrics, String series) {
            return matches(metrics, series).max().orElse(Double.NaN);
        }

        private static DoubleStream matches(String metrics, String series) {
            return Pattern.compile("^" + series + " ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(metrics).results()
                    .mapToDouble(r -> Double.parseDouble(r.group(1)));
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
        private int measuredFrom;
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

        /** Only the probes sent from now on are reported. */
        synchronized void measureFromNow() {
            measuredFrom = sent.size();
        }

        private List<Long> measured() {
            return latencies.subList(Math.min(measuredFrom, latencies.size()), latencies.size());
        }

        synchronized int probes() {
            return measured().size();
        }

        synchronized double percentileMillis(double p) {
            if (measured().isEmpty()) {
                return Double.NaN;
            }
            long[] sorted = measured().stream().mapToLong(Long::longValue).sorted().toArray();
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
