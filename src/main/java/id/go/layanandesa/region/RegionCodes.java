package id.go.layanandesa.region;

import java.util.regex.Pattern;

/** Rules of the Kepmendagri region codes: 73, 73.24, 73.24.04, 73.24.04.2001. */
public final class RegionCodes {

    public static final Pattern CODE = Pattern.compile("\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?");
    public static final Pattern KABUPATEN = Pattern.compile("\\d{2}\\.\\d{2}");
    public static final Pattern DESA = Pattern.compile("\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}");

    private RegionCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** 1 to 4, or 0 for a malformed code. */
    public static int level(String code) {
        return isValid(code) ? code.split("\\.").length : 0;
    }

    /** The code without its last segment; null for a provinsi. */
    public static String parent(String code) {
        int dot = code.lastIndexOf('.');
        return dot < 0 ? null : code.substring(0, dot);
    }

    public static String kabupatenOf(String code) {
        return code.length() >= 5 ? code.substring(0, 5) : null;
    }

    public static String kecamatanOf(String code) {
        return code.length() >= 8 ? code.substring(0, 8) : null;
    }

    /** For a desa-level code: a leading 1 in the last segment is a kelurahan, a leading 2 a desa. */
    public static String desaKind(String code) {
        if (level(code) != 4) {
            return null;
        }
        char first = code.charAt(9);
        return first == '1' ? "KELURAHAN" : first == '2' ? "DESA" : "OTHER";
    }
}
