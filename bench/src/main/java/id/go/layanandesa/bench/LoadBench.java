package id.go.layanandesa.bench;

import id.go.layanandesa.bench.figure.Registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator behind bench/run.sh. It starts the packaged service against its embedded PostgreSQL
 * in a fresh data folder, loads reference data, measures the figures of {@link Registry} in its order, each
 * against a baseline taken in the same run (plain JDBC issuing the statements the service issues, at the
 * same concurrency, on the same database), and writes the report.
 *
 * <p>Settings (system properties, all optional):
 * bench.rounds (3), bench.warmup (40), bench.filing.seconds (6), bench.filing.warmup (5), bench.filing.concurrency (32),
 * bench.claim.rows (2000), bench.claim.consumers (4), bench.claim.batch (50), bench.list.requests (200),
 * bench.poll.seconds (4), bench.poll.concurrency (16), bench.wake.samples (20 per round), bench.small (10000),
 * bench.large (1000000), bench.restarts (3), bench.idle (130), bench.out (docs/benchmarks.md), bench.data (target/bench/data),
 * bench.wilayah (../shared/data/wilayah.csv), bench.service.opts (none: JVM options for the service, space-separated).
 */
public final class LoadBench {

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        List<Step> steps = checked(Registry.plan());
        Bench bench = new Bench(settings);
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

    /** The plan, checked to pass the stages in order. */
    static List<Step> checked(List<Step> plan) {
        for (int i = 1; i < plan.size(); i++) {
            if (plan.get(i).stage().compareTo(plan.get(i - 1).stage()) < 0) {
                throw new IllegalStateException("the plan goes back from " + plan.get(i - 1).stage() + " to " + plan.get(i).stage()
                        + " at " + plan.get(i).figure().name());
            }
        }
        return plan;
    }
}
