package id.go.layanandesa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes docs/benchmarks.md (or the file bench.out names): machine, settings, the figures against their targets, the log. */
final class Report {

    private final Bench bench;
    private final Map<Figure, List<Row>> figures;

    /** @param figures every figure measured, in the report's order, with its rows */
    Report(Bench bench, Map<Figure, List<Row>> figures) {
        this.bench = bench;
        this.figures = figures;
    }

    void write(Path out) throws Exception {
        Settings settings = bench.settings;
        StringBuilder s = new StringBuilder();
        s.append("# Benchmarks\n\n");
        s.append("Produced by `bench/run.sh` on ").append(ZonedDateTime.now(ZoneId.of("UTC")).format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(" (whole run ").append((System.nanoTime() - bench.log.started()) / 60_000_000_000L).append(" min). ")
                .append("Every throughput figure is a ratio against a baseline measured in the same run, on the same database, ")
                .append("at the same concurrency: the machine is shared and noisy, so absolute numbers move between runs; the ratios much less.\n\n");
        if (settings.smoke) {
            s.append("**Smoke run** (`-Dbench.smoke=true`: tiny sizes, short rounds): it shows that the harness measures every figure ")
                    .append("end to end, not what the service can do. Its figures are not comparable with a full run's.\n\n");
        }
        if (!settings.figures.isEmpty()) {
            s.append("**Partial run**: only ").append(String.join(", ", settings.figures))
                    .append(" (`-Dbench.figures`), after the same warm-up and data loads as a full run but without the other figures' load.\n\n");
        }
        s.append("## Machine\n\n| | |\n|---|---|\n");
        bench.facts().forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        s.append("\n## Settings\n\n");
        if (bench.warmedUp()) {
            s.append("- Warm-up: the service first runs ").append(settings.warmup).append(" s of filing and a few seconds of each listing (its JIT is cold ")
                    .append("after start; on 2 shared cores C2 takes a while), then each figure has its own warm-up.\n");
        }
        s.append("- Rounds: a warm-up, then ").append(settings.rounds)
                .append(" measured rounds per figure; each figure is the median of the rounds, with the rounds' min–max.\n");
        for (Figure figure : figures.keySet()) {
            figure.settings(settings).forEach(line -> s.append("- ").append(line).append("\n"));
        }
        List<String> loads = bench.bulkNotes();
        s.append("- Data: the national region list imported through the API; the Luwu Timur demo data; requests bulk-loaded with ")
                .append("`INSERT … SELECT generate_series` in chunks of 100,000 in one statement each that writes the request row and its FILED event ")
                .append("(ids by nextval() per row, so the service's pooled id blocks never overlap). One request a minute going back from now: ")
                .append("the newest 30 days are open (70 % SUBMITTED, 30 % IN_PROGRESS), older ones finished (90 % COMPLETED, 6 % REJECTED, 4 % CANCELLED); ")
                .append("desa round-robin over Luwu Timur, service types round-robin over its catalog, each routed to the type's default OPD. ")
                .append("The 10k state is the warm-up's filings plus the newest bulk rows up to ").append(thousands(settings.small))
                .append(" (all open, a young deployment; the measured filing rounds add some thousands more, the listings say how many were there); ")
                .append("the 1M state adds ").append(thousands(settings.large - settings.small)).append(" older ones (history grows, ")
                .append("the open work stays about the same). `VACUUM ANALYZE` after each load. Loads: ")
                .append(loads.isEmpty() ? "none" : String.join("; ", loads)).append(".\n");
        s.append("- Service: `./run.sh` as README starts it (on JDK 25 or newer with the AOT cache it records at its first start ")
                .append("after the build), no JVM options of its own, on a fresh data folder with its embedded PostgreSQL.\n\n");
        s.append("## Figures\n\n| figure | target | measured | met? |\n|---|---|---|---|\n");
        for (List<Row> rows : figures.values()) {
            for (Row r : rows) {
                s.append("| ").append(r.figure()).append(" | ").append(r.target()).append(" | ").append(r.measured()).append(" | ")
                        .append(r.met() ? "yes" : "**no**").append(" |\n");
            }
        }
        s.append("\n## Log\n\n```\n").append(String.join("\n", bench.log.lines())).append("\n```\n");
        // what was slow and why belongs to a full run's figures
        Path notes = settings.root.resolve("bench/notes.md");
        if (settings.complete() && Files.exists(notes)) {
            s.append("\n").append(Files.readString(notes));
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, s.toString());
    }

    private static String thousands(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
