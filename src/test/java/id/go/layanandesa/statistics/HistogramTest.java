package id.go.layanandesa.statistics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Medians and percentiles from counts of whole days equal those of the durations themselves (percentile_cont). */
class HistogramTest {

    static Histogram of(int... durations) {
        int max = 0;
        for (int d : durations) {
            max = Math.max(max, d);
        }
        Integer[] counts = new Integer[max + 1];
        java.util.Arrays.fill(counts, 0);
        for (int d : durations) {
            counts[d]++;
        }
        Histogram h = new Histogram();
        h.add(counts);
        return h;
    }

    @Test
    void oddEvenAndInterpolatedQuantiles() {
        assertEquals(3.0, of(3, 1, 5).quantile(0.5));
        assertEquals(4.0, of(3, 3, 5, 6).quantile(0.5));
        assertEquals(5.7, of(3, 3, 5, 6).quantile(0.9), 1e-9);
        assertEquals(5.8, of(3, 6, 5).quantile(0.9), 1e-9);
        assertEquals(0.0, of(0).quantile(0.9));
        assertEquals(9.1, of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).quantile(0.9), 1e-9);
        assertNull(new Histogram().quantile(0.5));
    }

    @Test
    void removalsCancelAdditions() {
        Histogram h = of(2, 4, 4);
        h.add(new Integer[]{0, 0, -1});
        assertEquals(2, h.total());
        assertEquals(4.0, h.quantile(0.5));
    }
}
