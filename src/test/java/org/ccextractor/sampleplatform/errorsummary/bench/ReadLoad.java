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
     * Runs {@code tokens.size()} clients for {@code duration}; {@code query} picks each request's path and
     * query string from the client's own random source. The clients are Vert.x's (Netty, one event loop): their
     * cost per request is small next to the service's, with which they share the machine's cores.
     */
    static Latencies run(int port, List<String> tokens, Duration duration, Function<Random, String> query)
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
                readers.add(new Reader(http, "Bearer " + tokens.get(c), new Random(c), query, end, failures, done));
            }
            long started = System.nanoTime();
            readers.forEach(Reader::next);
            done.await();
            double seconds = (System.nanoTime() - started) / 1e9;
            failures.check();
            return Latencies.of(readers.stream().map(Reader::latencies).toList(), seconds);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** One closed-loop client: the next request as soon as the last one is answered, until the end. */
    private static final class Reader {
        private final HttpClient http;
        private final String authorization;
        private final Random random;
        private final Function<Random, String> query;
        private final long end;
        private final Failures failures;
        private final CountDownLatch done;
        private long[] latencies = new long[1 << 16];
        private int n;

        Reader(HttpClient http, String authorization, Random random, Function<Random, String> query, long end, Failures failures,
                CountDownLatch done) {
            this.http = http;
            this.authorization = authorization;
            this.random = random;
            this.query = query;
            this.end = end;
            this.failures = failures;
            this.done = done;
        }

        void next() {
            if (System.nanoTime() >= end) {
                done.countDown();
                return;
            }
            String path = query.apply(random);
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
                            record(System.nanoTime() - started);
                        } else if (result.failed()) {
                            failures.add(path + " -> " + result.cause());
                        }
                        next();
                    });
        }

        private void record(long nanos) {
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = nanos;
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, n);
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
