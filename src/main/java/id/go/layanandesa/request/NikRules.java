package id.go.layanandesa.request;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The Nomor Induk Kependudukan: {@code PPKKCC DDMMYY SSSS}, the kecamatan of first issue, the birth date
 * (women: day + 40) and a serial from 0001.
 */
public final class NikRules {

    private NikRules() {
    }

    /** What is wrong with the NIK's own digits, or empty when they are well-formed. */
    public static Optional<String> problem(String nik) {
        if (nik == null || !nik.matches("\\d{16}")) {
            return Optional.of("must be 16 digits");
        }
        int day = Integer.parseInt(nik.substring(6, 8));
        int month = Integer.parseInt(nik.substring(8, 10));
        int year = Integer.parseInt(nik.substring(10, 12));
        if (day > 40) {
            day -= 40;
        }
        if (!realDate(1900 + year, month, day) && !realDate(2000 + year, month, day)) {
            return Optional.of("digits 7 to 12 must be a real birth date DDMMYY (day + 40 for women)");
        }
        if (nik.endsWith("0000")) {
            return Optional.of("the serial (last 4 digits) must not be 0000");
        }
        return Optional.empty();
    }

    private static boolean realDate(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** {@code 7324**********01}: enough to tell requests apart, not enough to identify anyone. */
    public static String mask(String nik) {
        if (nik == null || nik.length() < 6) {
            return nik;
        }
        return nik.substring(0, 4) + "*".repeat(nik.length() - 6) + nik.substring(nik.length() - 2);
    }
}
