package org.ccextractor.sampleplatform.errorsummary.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ccextractor.sampleplatform.errorsummary.counters.CounterStore;
import org.ccextractor.sampleplatform.errorsummary.counters.Severity;
import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;
import org.ccextractor.sampleplatform.errorsummary.local.LocalInfrastructure;

/**
 * pgbench running the service's own page query ({@link CounterStore#pageQuery}) with the same mix of
 * views and pages as the HTTP readers: what PostgreSQL alone gives, the ceiling of the read path.
 */
final class PgBench {

    record Result(double tps) {
    }

    private PgBench() {
    }

    static Result run(LocalInfrastructure.Database db, Path work, long[] viewBuckets, long run, int page, int clients,
            Duration duration) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", "2", "-T", Long.toString(duration.toSeconds())));
        // One script per view, equally weighted; the offset is a random page of that view.
        for (int v = 0; v < Benchmark.GROUP_BYS.length * Benchmark.SCOPES.length; v++) {
            String dimension = Benchmark.GROUP_BYS[v / 5];
            long pages = Math.max(1, (viewBuckets[v] + page - 1) / page);
            Path script = work.resolve("pgbench-view-" + v + ".sql");
            Files.writeString(script, "\\set off random(0, " + (pages - 1) + ") * " + page + "\n"
                    + CounterStore.pageQuery(Optional.ofNullable(Benchmark.SCOPES[v % 5])
                            .flatMap(severity -> WireNames.find(Severity.values(), severity))).replace("$1", Long.toString(run))
                            .replace("$2", "'" + dimension + "'").replace("$3", Integer.toString(page))
                            .replace("$4", ":off").replace("\n", " ").trim() + ";\n");
            command.addAll(List.of("-f", script + "@1"));
        }
        URI url = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        command.addAll(List.of("-h", url.getHost(), "-p", Integer.toString(url.getPort()), "-U", db.username(),
                url.getPath().substring(1)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", db.password());
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            Benchmark.say("pgbench is not installed (Debian: postgresql-contrib or postgresql-client); its ratio is left out");
            return new Result(Double.NaN);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench's output:\n" + output);
        }
        return new Result(Double.parseDouble(tps.group(1)));
    }
}
