package id.go.layanandesa.request;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Nomor Induk Kependudukan: {@code PPKKCC DDMMYY SSSS}, the kecamatan of first issue, the birth date
 * (women: day + 40) and a serial from 0001. A NIK never changes, so its kecamatan code is the one of the day it
 * was issued: that kecamatan may since have been renumbered or moved to a new kabupaten (Pangandaran's left
 * Ciamis in 2012). Only what the digits themselves guarantee is checked, never the current region list.
 */
public final class NikRules {

    /**
     * Every province code that exists or has been issued since NIKs exist: Sumatra 11-19 and 21, Java 31-36,
     * Bali and Nusa Tenggara 51-53, Kalimantan 61-65, Sulawesi 71-76, Maluku 81-82, Papua 91-96.
     */
    private static final Set<Integer> PROVINCES = IntStream.of(
            11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
            71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96).boxed().collect(Collectors.toUnmodifiableSet());

    private NikRules() {
    }

    /** What is wrong with the NIK's own digits, or empty when they are well-formed. */
    public static Optional<String> problem(String nik) {
        if (nik == null || !nik.matches("\\d{16}")) {
            return Optional.of("must be 16 digits");
        }
        if (!PROVINCES.contains(Integer.parseInt(nik.substring(0, 2)))) {
            return Optional.of("digits 1 and 2 must be a province code; " + nik.substring(0, 2) + " is none");
        }
        if (nik.startsWith("00", 2) || nik.startsWith("00", 4)) {
            return Optional.of("digits 3 to 6 must be a kabupaten and kecamatan code; 00 is none");
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

    /**
     * {@code 7324**********01}: enough to tell requests apart, not enough to identify anyone. What is no NIK (the marker
     * of purged personal data) stays as it is.
     */
    public static String mask(String nik) {
        if (nik == null || nik.length() < 6 || !nik.chars().allMatch(Character::isDigit)) {
            return nik;
        }
        return nik.substring(0, 4) + "*".repeat(nik.length() - 6) + nik.substring(nik.length() - 2);
    }
}
