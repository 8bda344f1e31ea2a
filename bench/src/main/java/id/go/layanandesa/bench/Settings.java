package id.go.layanandesa.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run measures and how hard, from system properties ({@code bench/run.sh -Dbench.rounds=5}).
 * {@code bench.smoke=true} switches the defaults to tiny sizes and one round, to see every figure
 * measured end to end in a minute or two; a setting given explicitly still wins.
 */
public final class Settings {

    public final boolean smoke;
    /** The figures to measure, by name; empty means all of them. */
    public final Set<String> figures;
    public final int rounds;
    public final int warmup;
    public final int filingSeconds;
    public final int filingWarmup;
    public final int filingConcurrency;
    /** Filing rounds with a webhook subscription, each between two without. */
    public final int webhookRounds;
    public final int webhookWarmup;
    public final int claimRows;
    public final int claimConsumers;
    public final int claimBatch;
    public final int listRequests;
    public final int pollSeconds;
    public final int pollConcurrency;
    public final int wakeSamples;
    public final int small;
    public final int large;
    public final int restarts;
    public final int idle;
    public final Path root;
    public final Path out;
    public final Path data;
    public final Path wilayah;
    public final List<String> serviceOpts;

    private Settings() {
        smoke = Boolean.getBoolean("bench.smoke");
        figures = new LinkedHashSet<>(Arrays.stream(System.getProperty("bench.figures", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty() && !s.equals("all")).toList());
        rounds = setting("bench.rounds", 3, 1);
        warmup = setting("bench.warmup", 40, 3);
        filingSeconds = setting("bench.filing.seconds", 6, 2);
        filingWarmup = setting("bench.filing.warmup", 5, 1);
        filingConcurrency = setting("bench.filing.concurrency", 32, 32);
        webhookRounds = setting("bench.webhooks.rounds", 8, 1);
        webhookWarmup = setting("bench.webhooks.warmup", 60, 1);
        claimRows = setting("bench.claim.rows", 2000, 100);
        claimConsumers = setting("bench.claim.consumers", 4, 4);
        claimBatch = setting("bench.claim.batch", 50, 50);
        listRequests = setting("bench.list.requests", 200, 20);
        pollSeconds = setting("bench.poll.seconds", 4, 1);
        pollConcurrency = setting("bench.poll.concurrency", 16, 16);
        wakeSamples = setting("bench.wake.samples", 20, 3);
        small = setting("bench.small", 10_000, 2_000);
        large = setting("bench.large", 1_000_000, 20_000);
        restarts = setting("bench.restarts", 5, 1);
        idle = setting("bench.idle", 130, 5);
        root = Path.of("").toAbsolutePath();
        // only a run of every figure, not a smoke run, replaces the project's report
        String defaultOut = smoke || !figures.isEmpty() ? "target/bench/benchmarks.md" : "docs/benchmarks.md";
        out = root.resolve(System.getProperty("bench.out", defaultOut));
        data = root.resolve(System.getProperty("bench.data", "target/bench/data"));
        wilayah = root.resolve(System.getProperty("bench.wilayah", "../shared/data/wilayah.csv")).normalize();
        serviceOpts = Arrays.stream(System.getProperty("bench.service.opts", "").split(" ")).filter(o -> !o.isBlank()).toList();
    }

    public static Settings fromSystemProperties() {
        return new Settings();
    }

    /** Every figure, not a smoke run. */
    public boolean complete() {
        return !smoke && figures.isEmpty();
    }

    private int setting(String name, int full, int smokeValue) {
        return Integer.getInteger(name, smoke ? smokeValue : full);
    }
}
