package id.go.layanandesa.account;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Usernames are unique in the installation, and every username of a kabupaten's accounts starts with the kabupaten's
 * prefix, its code without the dot ({@code 7324.desa.harapan}). So two kabupaten can never want the same username, and
 * a USERNAME_TAKEN tells an admin only about the usernames of their own kabupaten. Admins may leave the prefix out: it
 * is added. Operators, who belong to no kabupaten, have names without such a prefix.
 */
public final class Usernames {

    static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9._-]{2,59}");
    private static final Pattern KABUPATEN_PREFIX = Pattern.compile("\\d{4}\\..*");
    static final String FORM_MESSAGE = "must be 3 to 60 letters, digits, dots, dashes or underscores, starting with a letter or digit";

    private Usernames() {
    }

    /** The prefix of the usernames of a kabupaten's accounts: {@code 7324.} for 73.24. */
    public static String prefix(String kabupatenCode) {
        return kabupatenCode.replace(".", "") + ".";
    }

    /** The username as stored: stripped, in lower case, with the kabupaten's prefix unless it has it; null for null. */
    public static String qualified(String kabupatenCode, String given) {
        if (given == null) {
            return null;
        }
        String name = given.strip().toLowerCase(Locale.ROOT);
        String prefix = prefix(kabupatenCode);
        return name.startsWith(prefix) ? name : prefix + name;
    }

    /** Stripped and in lower case, as logins compare it. */
    public static String normalised(String given) {
        return given == null ? null : given.strip().toLowerCase(Locale.ROOT);
    }

    /** An operator's username: 3 to 60 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
    public static boolean wellFormed(String username) {
        return username != null && FORM.matcher(username).matches();
    }

    /** A kabupaten's username: its prefix, then a name of the same form (at least 3 characters), 60 in all. */
    public static boolean wellFormedOf(String kabupatenCode, String qualified) {
        String prefix = prefix(kabupatenCode);
        return wellFormed(qualified) && qualified.startsWith(prefix) && LOCAL.matcher(qualified.substring(prefix.length())).matches();
    }

    private static final Pattern LOCAL = Pattern.compile("[a-z0-9][a-z0-9._-]{2,}");

    /** Whether the name looks like one of a kabupaten's (a prefix of four digits and a dot), which an operator's may not. */
    public static boolean hasKabupatenPrefix(String username) {
        return username != null && KABUPATEN_PREFIX.matcher(username).matches();
    }
}
