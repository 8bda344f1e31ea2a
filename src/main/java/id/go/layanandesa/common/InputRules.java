package id.go.layanandesa.common;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What every piece of client input must be, whatever field it arrives in: text that PostgreSQL can store as
 * it was sent, numbers a double can hold, dates within the range any record of this service can have.
 * Field-specific rules come on top of these.
 */
public final class InputRules {

    /** No date this service keeps (birth, death, event, holiday, filing) lies outside this range. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2200, 12, 31);
    private static final Instant EARLIEST_INSTANT = EARLIEST_DATE.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant LATEST_INSTANT = LATEST_DATE.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    /** Magnitudes up to 1e308 (a double's range) and no more than 308 decimal places. */
    private static final int MAX_EXPONENT = 308;

    private InputRules() {
    }

    /**
     * What is wrong with a text, or null when it is acceptable. PostgreSQL cannot store NUL; an unpaired
     * surrogate is not a character at all (it would be stored as '?'); other control characters than tab and
     * line breaks have no place in a form field or a name.
     */
    public static String textProblem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain the NUL character";
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return "must not contain control characters (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode text (it has an unpaired surrogate)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode text (it has an unpaired surrogate)";
            }
        }
        return null;
    }

    /** What is wrong with a number, or null when a double can hold its magnitude. */
    public static String numberProblem(BigDecimal number) {
        if (number == null || number.signum() == 0) {
            return null;
        }
        int magnitude = number.precision() - number.scale() - 1;
        if (magnitude > MAX_EXPONENT) {
            return "is too large";
        }
        if (number.scale() > MAX_EXPONENT) {
            return "has too many decimal places";
        }
        return null;
    }

    /** What is wrong with a number, or null when it is finite. */
    public static String numberProblem(double number) {
        return Double.isFinite(number) ? null : "is too large";
    }

    /** What is wrong with a date, or null when it lies in the range any record can have. */
    public static String dateProblem(LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE))) {
            return "must be between " + EARLIEST_DATE + " and " + LATEST_DATE;
        }
        return null;
    }

    /** What is wrong with an instant, or null when it lies in the range any record can have. */
    public static String instantProblem(Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST_INSTANT) || !instant.isBefore(LATEST_INSTANT))) {
            return "must be between " + EARLIEST_INSTANT + " and " + LATEST_INSTANT;
        }
        return null;
    }
}
