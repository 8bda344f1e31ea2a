package id.go.layanandesa.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Medians, percentiles and min–max over rounds, and how the report writes numbers. */
public final class Numbers {

    private Numbers() {
    }

    public static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest rank; the median of an even count is the mean of the middle two. */
    public static double percentile(List<Double> values, double pct) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        if (pct == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int i = (int) Math.ceil(pct / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** min–max */
    public static String range(List<Double> values, int decimals) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + "–" + f, min, max);
    }

    public static String rangeMs(List<Double> values) {
        return range(values, 1) + " ms";
    }

    public static String fmtMs(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    public static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    public static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
