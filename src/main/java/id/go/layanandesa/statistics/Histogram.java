package id.go.layanandesa.statistics;

/**
 * Counts of finished requests by whole working days taken ({@code counts[d]} took d days). Whole days make medians and
 * percentiles exact: they are those of the underlying durations, interpolated between the two nearest ranks as
 * PostgreSQL's percentile_cont and Excel's PERCENTILE.INC and MEDIAN do.
 */
public final class Histogram {

    private long[] counts = new long[0];
    private long total;

    public void add(Integer[] delta) {
        if (delta == null) {
            return;
        }
        if (delta.length > counts.length) {
            counts = java.util.Arrays.copyOf(counts, delta.length);
        }
        for (int i = 0; i < delta.length; i++) {
            long c = delta[i] == null ? 0 : delta[i];
            counts[i] += c;
            total += c;
        }
    }

    public void add(Histogram other) {
        Integer[] boxed = new Integer[other.counts.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = (int) other.counts[i];
        }
        add(boxed);
    }

    public long total() {
        return total;
    }

    /** The p-quantile (0 to 1), or null with no durations. */
    public Double quantile(double p) {
        if (total <= 0) {
            return null;
        }
        double position = p * (total - 1);
        long lo = (long) Math.floor(position);
        long hi = (long) Math.ceil(position);
        int a = valueAt(lo);
        int b = valueAt(hi);
        return a + (position - lo) * (b - a);
    }

    /** The duration at 0-based rank k of the sorted durations. */
    private int valueAt(long k) {
        long seen = 0;
        for (int d = 0; d < counts.length; d++) {
            seen += counts[d];
            if (seen > k) {
                return d;
            }
        }
        return counts.length - 1;
    }
}
