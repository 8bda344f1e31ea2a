package id.go.layanandesa.bench;

import id.go.layanandesa.bench.figure.Registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The load generator behind bench/run.sh. It starts the packaged service against its embedded PostgreSQL
 * in a fresh data folder, loads reference data, measures the figures of {@link Registry} in its order, each
 * against a baseline taken in the same run (plain JDBC issuing the statements the service issues, at the
 * same concurrency, on the same database), and writes the report.
 *
 * <p>Settings (system properties, all optional; smoke-mode defaults in brackets):
 * bench.figures (all; names from the registry, comma-separated), bench.smoke (false),
 * bench.rounds (3 [1]), bench.warmup (40 [3]), bench.filing.seconds (6 [2]), bench.filing.warmup (5 [1]),
 * bench.filing.concurrency (32), bench.webhooks.rounds (8 [1]), bench.webhooks.warmup (60 [1]), bench.claim.rows (2000 [100]),
 * bench.claim.consumers (4), bench.claim.batch (50),
 * bench.list.requests (200 [20]), bench.poll.seconds (4 [1]), bench.poll.concurrency (16),
 * bench.wake.samples (20 per round [3]), bench.small (10000 [2000]), bench.large (1000000 [20000]),
 * bench.restarts (5 [1], each with and without the AOT cache), bench.idle (130 [5]), bench.out (docs/benchmarks.md for a full run, else
 * target/bench/benchmarks.md), bench.data (target/bench/data), bench.wilayah (../shared/data/wilayah.csv),
 * bench.service.opts (none: JVM options for the service, space-separated).
 */
public final class LoadBench {

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        List<Step> steps = select(Registry.plan(), settings.figures);
        Bench bench = new Bench(settings);
        if (settings.smoke) {
            bench.say("smoke run: tiny sizes and short rounds, to see every figure measured end to end; the figures say nothing about the service");
        }
        bench.start();
        Map<Figure, List<Row>> rows = new LinkedHashMap<>();
        for (Step step : steps) {
            bench.reach(step.stage());
            List<Row> measured = step.figure().measure(bench, step.stage());
            rows.computeIfAbsent(step.figure(), f -> new ArrayList<>()).addAll(measured);
        }
        new Report(bench, rows).write(settings.out);
        bench.stop();
        bench.say("done in " + (System.nanoTime() - bench.log.started()) / 1_000_000_000 + " s; wrote " + settings.out);
        System.exit(0);
    }

    /** The plan's steps of the figures named (all when none is), checked to pass the stages in order. */
    static List<Step> select(List<Step> plan, Set<String> names) {
        for (int i = 1; i < plan.size(); i++) {
            if (plan.get(i).stage().compareTo(plan.get(i - 1).stage()) < 0) {
                throw new IllegalStateException("the plan goes back from " + plan.get(i - 1).stage() + " to " + plan.get(i).stage()
                        + " at " + plan.get(i).figure().name());
            }
        }
        Set<Figure> figures = new LinkedHashSet<>();
        plan.forEach(s -> figures.add(s.figure()));
        Set<String> known = figures.stream().map(Figure::name).collect(Collectors.toCollection(LinkedHashSet::new));
        if (known.size() != figures.size()) {
            throw new IllegalStateException("two figures share a name: " + figures.stream().map(Figure::name).toList());
        }
        List<String> unknown = names.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no figure named " + unknown + "; the figures are:\n"
                    + figures.stream().map(f -> String.format("  %-8s %s", f.name(), f.title())).collect(Collectors.joining("\n")));
        }
        return plan.stream().filter(s -> names.isEmpty() || names.contains(s.figure().name())).toList();
    }
}
