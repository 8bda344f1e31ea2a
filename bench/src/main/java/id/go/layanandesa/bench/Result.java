package id.go.layanandesa.bench;

import java.util.Arrays;

/** What one round did: operations finished, in how long, and each one's latency (nanoseconds). */
public record Result(long count, long nanos, long[] latencies) {

    public double throughput() {
        return count / (nanos / 1e9);
    }

    /** The latency percentile in milliseconds (nearest rank). */
    public double p(double pct) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
