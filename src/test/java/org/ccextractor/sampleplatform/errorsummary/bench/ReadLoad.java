package org.ccextractor.sampleplatform.errorsummary.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

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
     * query string from the client's own random source.
     */
    static Latencies run(int port, List<String> tokens, Duration duration, Function<Random, String> query)
            throws InterruptedException {
        List<long[]> results = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        StringBuilder firstFailure = new StringBuilder();
        long end = System.nanoTime() + duration.toNanos();
        for (int c = 0; c < tokens.size(); c++) {
            String token = tokens.get(c);
            Random random = new Random(c);
            results.add(null);
            int index = c;
            Thread client = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + query.apply(random)))
                            .header("Authorization", "Bearer " + token).build();
                    long started = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - started;
                        if (response.statusCode() != 200) {
                            fail(failures, firstFailure, request.uri() + " -> " + response.statusCode() + " "
                                    + new String(response.body()));
                            continue;
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = took;
                    } catch (IOException e) {
                        fail(failures, firstFailure, request.uri() + " -> " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                long[] mine = Arrays.copyOf(latencies, n);
                synchronized (results) {
                    results.set(index, mine);
                }
            }, "bench-reader-" + c);
            clients.add(client);
        }
        long started = System.nanoTime();
        clients.forEach(Thread::start);
        for (Thread client : clients) {
            client.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (results.contains(null)) {
            throw new IllegalStateException("a reader thread died");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " requests failed; the first: " + firstFailure);
        }
        synchronized (results) {
            return Latencies.of(results, seconds);
        }
    }

    private static void fail(AtomicLong failures, StringBuilder first, String what) {
        if (failures.getAndIncrement() == 0) {
            synchronized (first) {
                first.append(what);
            }
        }
    }
}
