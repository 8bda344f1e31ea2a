package id.go.layanandesa.request;

import java.security.SecureRandom;

/**
 * Tracking codes a citizen reads out over the phone: ten characters from an alphabet without the
 * look-alikes 0/O, 1/I/L and U, random so that one code says nothing of the next.
 */
public final class TrackingCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingCodes() {
    }

    /** Like {@code K7M2-QX9P-RT}: 10 random characters, about 49 bits. */
    public static String next() {
        StringBuilder s = new StringBuilder(12);
        for (int i = 0; i < 10; i++) {
            if (i == 4 || i == 8) {
                s.append('-');
            }
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** Normalises what a citizen typed: upper case, spaces and dashes ignored; null when it cannot be a code. */
    public static String normalise(String input) {
        String raw = input.toUpperCase().replaceAll("[\\s-]", "");
        if (raw.length() != 10 || !raw.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        return raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8);
    }
}
