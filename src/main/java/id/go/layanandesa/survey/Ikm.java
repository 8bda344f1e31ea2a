package id.go.layanandesa.survey;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Indeks Kepuasan Masyarakat of PermenPANRB 14/2017. Each element's average (nilai rata-rata, NRR) is the sum of
 * its scores over the respondents; the weighted average gives each of the nine elements the weight 1/9; the index on
 * the 25–100 scale is that times 25: IKM = 25 × (mean of the element means). It is computed exactly from the sums and
 * rounded to two decimals once, and graded on the rounded value: A 88.31–100, B 76.61–88.30, C 65.00–76.60,
 * D 25.00–64.99.
 */
public final class Ikm {

    public enum Grade {
        A("Sangat Baik"), B("Baik"), C("Kurang Baik"), D("Tidak Baik");

        private final String label;

        Grade(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Result(long respondents, List<BigDecimal> elementAverages, BigDecimal index, Grade grade) {
    }

    private static final BigDecimal A_FROM = new BigDecimal("88.31");
    private static final BigDecimal B_FROM = new BigDecimal("76.61");
    private static final BigDecimal C_FROM = new BigDecimal("65.00");

    private Ikm() {
    }

    /** The index of {@code respondents} answers whose scores add up to {@code sums[e]} per element; null with none. */
    public static Result of(long respondents, long[] sums) {
        if (sums.length != IkmElement.values().length) {
            throw new IllegalArgumentException("nine element sums expected");
        }
        if (respondents <= 0) {
            return null;
        }
        BigDecimal n = BigDecimal.valueOf(respondents);
        List<BigDecimal> averages = new ArrayList<>();
        long all = 0;
        for (long s : sums) {
            averages.add(BigDecimal.valueOf(s).divide(n, 3, RoundingMode.HALF_UP));
            all += s;
        }
        // 25 × (all / (9 n)), exact until the one rounding
        BigDecimal index = BigDecimal.valueOf(all * 25L).divide(n.multiply(BigDecimal.valueOf(9)), MathContext.DECIMAL128)
                .setScale(2, RoundingMode.HALF_UP);
        return new Result(respondents, averages, index, grade(index));
    }

    /** The grade of an index rounded to two decimals. */
    public static Grade grade(BigDecimal index) {
        if (index.compareTo(A_FROM) >= 0) {
            return Grade.A;
        }
        if (index.compareTo(B_FROM) >= 0) {
            return Grade.B;
        }
        if (index.compareTo(C_FROM) >= 0) {
            return Grade.C;
        }
        return Grade.D;
    }
}
