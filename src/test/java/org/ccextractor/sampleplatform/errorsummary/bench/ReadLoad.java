package org.ccextractor.sampleplatform.errorsummary.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/**
 * Closed-loop HTTP readers, each with its own connection and token (as separate users are), sending the
 * next request as soon as the last one is answered. Every answer must be 200.
 */
final class ReadLoad {

    /** Latencies of one load, in nanoseconds, and its throughput. */
    record Latencies(long[] sorted, double seconds) {

        static Latencies of(List<long[]> parts, double seconds) {
            long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Latencies(all, seconds);
        }

        double perSecond() {
            return sorted.length / seconds;
        }

        /** Two loads of the same requests as one. */
        Latencies plus(Latencies other) {
            long[] all = Arrays.copyOf(sorted, sorted.length + other.sorted.length);
            System.arraycopy(other.sorted, 0, all, sorted.length, other.sorted.length);
            Arrays.sort(all);
            return new Latencies(all, seconds + other.seconds);
        }

        double percentileMillis(double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
        }
    }

    /** Two loads measured against each other. */
    record Compared(Latencies first, Latencies second) {
    }

    private ReadLoad() {
    }

    /**
     * Two loads, each for {@code each} in all, taking turns in halves (first, second, first, second), so that
     * a change of the machine's load during the phase (e.g. an ingest backlog that builds) weighs on both alike.
     */
    static Compared alternating(int port, List<String> tokens, Duration each, Function<Random, String> first,
            Function<Random, String> second) throws InterruptedException {
        Duration half = each.dividedBy(2);
        Latencies first1 = run(port, tokens, half, first);
        Latencies second1 = run(port, tokens, half, second);
        Latencies first2 = run(port, tokens, half, first);
        Latencies second2 = run(port, tokens, half, second);
        return new Compared(first1.plus(first2), second1.plus(second2));
    }

    /**
     * Two loads at the same time, by the same clients for {@code duration}: each request is one of the first or one of
     * the second, at random (each client's own random source), so that whatever else the machine does weighs on both
     * alike, request by request. Each gets about half of the requests.
     */
    static Compared interleaved(int port, List<String> tokens, Duration duration, Function<Random, String> first,
            Function<Random, String> second) throws InterruptedException {
        List<Latencies> both = run(port, tokens, duration, List.of(first, second));
        return new Compared(both.get(0), both.get(1));
    }

    /**
     * Runs {@code tokens.size()} clients for {@code duration}; {@code query} picks each request's path and
     * query string from the client's own random source. The clients are Vert.x's (Netty, one event loop): their
     * cost per request is small next to the service's, with which they share the machine's cores.
     */
    static Latencies run(int port, List<String> tokens, Duration duration, Function<Random, String> query)
            throws InterruptedException {
        return run(port, tokens, duration, List.of(query)).get(0);
    }

    /** As {@link #run(int, List, Duration, Function)}, each request from one of {@code queries} at random; a load each. */
    private static List<Latencies> run(int port, List<String> tokens, Duration duration, List<Function<Random, String>> queries)
            throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            CountDownLatch done = new CountDownLatch(tokens.size());
            Failures failures = new Failures();
            long end = System.nanoTime() + duration.toNanos();
            List<Reader> readers = new ArrayList<>();
            for (int c = 0; c < tokens.size(); c++) {
                // A client each: its own connection, as a separate user has.
                HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
                        new PoolOptions().setHttp1MaxSize(1));
                readers.add(new Reader(http, "Bearer " + tokens.get(c), new Random(c), queries, end, failures, done));
            }
            long started = System.nanoTime();
            readers.forEach(Reader::next);
            done.await();
            double seconds = (System.nanoTime() - started) / 1e9;
            failures.check();
            List<Latencies> loads = new ArrayList<>();
            for (int q = 0; q < queries.size(); q++) {
                int kind = q;
                loads.add(Latencies.of(readers.stream().map(reader -> reader.latencies(kind)).toList(), seconds));
            }
            return loads;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** One closed-loop client: the next request as soon as the last one is answered, until the end. */
    private static final class Reader {
        private final HttpClient http;
        private final String authorization;
        private final Random random;
        private final List<Function<Random, String>> queries;
        private final long end;
        private final Failures failures;
        private final CountDownLatch done;
        /** [kind]: the latencies of the requests of queries.get(kind). */
        private final long[][] latencies;
        private final int[] n;

        Reader(HttpClient http, String authorization, Random random, List<Function<Random, String>> queries, long end,
                Failures failures, CountDownLatch done) {
            this.http = http;
            this.authorization = authorization;
            this.random = random;
            this.queries = queries;
            this.end = end;
            this.failures = failures;
            this.done = done;
            this.latencies = new long[queries.size()][1 << 16];
            this.n = new int[queries.size()];
        }

        void next() {
            if (System.nanoTime() >= end) {
                done.countDown();
                return;
            }
            int kind = queries.size() == 1 ? 0 : random.nextInt(queries.size());
            String path = queries.get(kind).apply(random);
            long started = System.nanoTime();
            http.request(HttpMethod.GET, path)
                    .compose(request -> request.putHeader("Authorization", authorization).send())
                    .compose(response -> response.body().map(body -> {
                        if (response.statusCode() != 200) {
                            failures.add(path + " -> " + response.statusCode() + " " + body);
                        }
                        return response.statusCode();
                    }))
                    .onComplete(result -> {
                        if (result.succeeded() && result.result() == 200) {
                            record(kind, System.nanoTime() - started);
                        } else if (result.failed()) {
                            failures.add(path + " -> " + result.cause());
                        }
                        next();
                    });
        }

        private void record(int kind, long nanos) {
            if (n[kind] == latencies[kind].length) {
                latencies[kind] = Arrays.copyOf(latencies[kind], n[kind] * 2);
            }
            latencies[kind][n[kind]++] = nanos;
        }

        long[] latencies(int kind) {
            return Arrays.copyOf(latencies[kind], n[kind]);
        }
    }

    /** Requests that did not get a 200: each one fails the load. */
    private static final class Failures {
        private final AtomicLong count = new AtomicLong();
        private volatile String first;

        void add(String what) {
            if (count.getAndIncrement() == 0) {
                first = what;
            }
        }

        void check() {
            if (count.get() > 0) {
                throw new IllegalStateException(count.get() + " requests failed; the first: " + first);
            }
        }
    }
}
