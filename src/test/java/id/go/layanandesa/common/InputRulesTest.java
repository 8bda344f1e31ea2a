package id.go.layanandesa.common;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.*;

class InputRulesTest {

    @Test
    void textMayHoldAnyCharacterButNulControlsAndUnpairedSurrogates() {
        assertNull(InputRules.textProblem("Siti Rahmawati"));
        assertNull(InputRules.textProblem("Dusun I\tRT 002\r\nRW 001"));
        assertNull(InputRules.textProblem("Ṡiti 😀 Ämïnah 松"), "accents, CJK and paired surrogates (emoji) are text");
        assertNull(InputRules.textProblem(""));
        assertTrue(InputRules.textProblem("Siti\u0000").contains("NUL"));
        assertTrue(InputRules.textProblem("\u0007").contains("control"));
        assertTrue(InputRules.textProblem("a\u007fb").contains("control"));
        assertTrue(InputRules.textProblem("a\uD800b").contains("surrogate"), "high surrogate without its low half");
        assertTrue(InputRules.textProblem("a\uDC00").contains("surrogate"), "low surrogate alone");
        assertTrue(InputRules.textProblem("\uD83D").contains("surrogate"), "text ending in half a pair");
    }

    @Test
    void numbersMustFitADouble() {
        assertNull(InputRules.numberProblem(new BigDecimal("1e308")));
        assertNull(InputRules.numberProblem(new BigDecimal("-123456.789")));
        assertNull(InputRules.numberProblem(BigDecimal.ZERO));
        assertNotNull(InputRules.numberProblem(new BigDecimal("1e309")));
        assertNotNull(InputRules.numberProblem(new BigDecimal("1e999999")));
        assertNotNull(InputRules.numberProblem(new BigDecimal("1e-999999")));
        assertNotNull(InputRules.numberProblem(Double.POSITIVE_INFINITY));
        assertNotNull(InputRules.numberProblem(Double.NaN));
        assertNull(InputRules.numberProblem(1.5));
    }

    @Test
    void datesLieBetween1900And2200() {
        assertNull(InputRules.dateProblem(LocalDate.of(1900, 1, 1)));
        assertNull(InputRules.dateProblem(LocalDate.of(2200, 12, 31)));
        assertNotNull(InputRules.dateProblem(LocalDate.of(1899, 12, 31)));
        assertNotNull(InputRules.dateProblem(LocalDate.of(2201, 1, 1)));
        assertNotNull(InputRules.dateProblem(LocalDate.of(9999, 1, 1)));
        assertNotNull(InputRules.dateProblem(LocalDate.parse("+99999-01-01")));
        assertNull(InputRules.instantProblem(Instant.parse("2026-11-30T00:00:00Z")));
        assertNotNull(InputRules.instantProblem(Instant.parse("+99999-01-01T00:00:00Z")));
        assertNotNull(InputRules.instantProblem(Instant.parse("1800-01-01T00:00:00Z")));
    }
}
