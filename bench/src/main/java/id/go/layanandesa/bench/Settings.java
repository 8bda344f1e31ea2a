package id.go.layanandesa.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** How hard a run measures, from system properties ({@code bench/run.sh -Dbench.rounds=5}). */
public final class Settings {

    public final int rounds;
    public final int warmup;
    public final int filingSeconds;
    public final int filingWarmup;
    public final int filingConcurrency;
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
        rounds = Integer.getInteger("bench.rounds", 3);
        warmup = Integer.getInteger("bench.warmup", 40);
        filingSeconds = Integer.getInteger("bench.filing.seconds", 6);
        filingWarmup = Integer.getInteger("bench.filing.warmup", 5);
        filingConcurrency = Integer.getInteger("bench.filing.concurrency", 32);
        claimRows = Integer.getInteger("bench.claim.rows", 2000);
        claimConsumers = Integer.getInteger("bench.claim.consumers", 4);
        claimBatch = Integer.getInteger("bench.claim.batch", 50);
        listRequests = Integer.getInteger("bench.list.requests", 200);
        pollSeconds = Integer.getInteger("bench.poll.seconds", 4);
        pollConcurrency = Integer.getInteger("bench.poll.concurrency", 16);
        wakeSamples = Integer.getInteger("bench.wake.samples", 20);
        small = Integer.getInteger("bench.small", 10_000);
        large = Integer.getInteger("bench.large", 1_000_000);
        restarts = Integer.getInteger("bench.restarts", 3);
        idle = Integer.getInteger("bench.idle", 130);
        root = Path.of("").toAbsolutePath();
        out = root.resolve(System.getProperty("bench.out", "docs/benchmarks.md"));
        data = root.resolve(System.getProperty("bench.data", "target/bench/data"));
        wilayah = root.resolve(System.getProperty("bench.wilayah", "../shared/data/wilayah.csv")).normalize();
        serviceOpts = Arrays.stream(System.getProperty("bench.service.opts", "").split(" ")).filter(o -> !o.isBlank()).toList();
    }

    public static Settings fromSystemProperties() {
        return new Settings();
    }
}
