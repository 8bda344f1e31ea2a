package id.go.layanandesa.common;

import java.time.ZoneId;

/** Indonesia's three zones, by province code. */
public final class TimeZones {

    public static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    public static final ZoneId WITA = ZoneId.of("Asia/Makassar");
    public static final ZoneId WIT = ZoneId.of("Asia/Jayapura");

    private TimeZones() {
    }

    /** The zone of any region code (provinsi, kabupaten, kecamatan or desa). */
    public static ZoneId forRegion(String code) {
        int province = Integer.parseInt(code.substring(0, 2));
        if (province == 81 || province == 82 || (province >= 91 && province <= 96)) {
            return WIT;
        }
        if ((province >= 51 && province <= 53) || (province >= 63 && province <= 65) || (province >= 71 && province <= 76)) {
            return WITA;
        }
        return WIB;
    }

    public static String abbreviation(ZoneId zone) {
        return zone.equals(WIT) ? "WIT" : zone.equals(WITA) ? "WITA" : "WIB";
    }
}
