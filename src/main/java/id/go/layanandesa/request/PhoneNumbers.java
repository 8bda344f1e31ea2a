package id.go.layanandesa.request;

import java.util.Optional;

/** Indonesian mobile numbers, written 08…, 628… or +628…, stored as E.164 +628…. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** The E.164 form, or empty when the input cannot be an Indonesian mobile number. */
    public static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String digits = input.replaceAll("[\\s().-]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("0")) {
            digits = "62" + digits.substring(1);
        }
        // Mobile subscriber numbers are 8 followed by 8 to 11 digits.
        if (!digits.matches("628\\d{8,11}")) {
            return Optional.empty();
        }
        return Optional.of("+" + digits);
    }
}
