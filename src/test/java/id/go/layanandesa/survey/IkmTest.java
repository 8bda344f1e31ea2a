package id.go.layanandesa.survey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The index of PermenPANRB 14/2017: element averages, IKM = 25 × their mean, and the grade of its intervals. */
class IkmTest {

    @Test
    void theWorkedExampleOfFourRespondents() {
        // four answers: 4 4 3 4 4 3 4 3 3 | 3 3 3 4 4 3 3 3 3 | 3 4 3 4 3 4 4 3 4 | 3 3 3 4 4 3 3 3 3
        Ikm.Result r = Ikm.of(4, new long[]{13, 14, 12, 16, 15, 13, 14, 12, 13});
        assertEquals(List.of("3.250", "3.500", "3.000", "4.000", "3.750", "3.250", "3.500", "3.000", "3.250"),
                r.elementAverages().stream().map(BigDecimal::toPlainString).toList());
        // mean of the averages 30.5 / 9 = 3.3889; × 25 = 84.7222 → 84.72
        assertEquals(new BigDecimal("84.72"), r.index());
        assertEquals(Ikm.Grade.B, r.grade());
        assertEquals("Baik", r.grade().label());
        assertEquals(4, r.respondents());
    }

    @Test
    void allFoursAndAllOnesAreTheEndsOfTheScale() {
        assertEquals(new BigDecimal("100.00"), Ikm.of(3, new long[]{12, 12, 12, 12, 12, 12, 12, 12, 12}).index());
        assertEquals(new BigDecimal("25.00"), Ikm.of(3, new long[]{3, 3, 3, 3, 3, 3, 3, 3, 3}).index());
        assertEquals(Ikm.Grade.D, Ikm.of(3, new long[]{3, 3, 3, 3, 3, 3, 3, 3, 3}).grade());
    }

    @Test
    void noRespondentsNoIndex() {
        assertNull(Ikm.of(0, new long[9]));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"100.00,A", "88.31,A", "88.30,B", "76.61,B", "76.60,C", "65.00,C", "64.99,D", "25.00,D"})
    void theGradeIntervalsOfTheRegulation(BigDecimal index, Ikm.Grade grade) {
        assertEquals(grade, Ikm.grade(index));
    }

    @Test
    void theIndexIsRoundedOnceBeforeItIsGraded() {
        // 9 respondents, sums giving 25 × 3.5324… : 286 / 81 = 3.53086 → 88.2716 → 88.27 B; one more point: 287 / 81 → 88.58 A
        long[] sums = {32, 32, 32, 32, 32, 32, 32, 31, 31};
        assertEquals(new BigDecimal("88.27"), Ikm.of(9, sums).index());
        assertEquals(Ikm.Grade.B, Ikm.of(9, sums).grade());
        sums[8] = 32;
        assertEquals(new BigDecimal("88.58"), Ikm.of(9, sums).index());
        assertEquals(Ikm.Grade.A, Ikm.of(9, sums).grade());
    }
}
