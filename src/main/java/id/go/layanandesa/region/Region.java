package id.go.layanandesa.region;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.Generated;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** A region of the Kepmendagri code list. */
@Entity
public class Region extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    /** 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan. */
    public short level;

    public String parentCode;

    public String nameKey;

    @Generated
    @Column(name = "kabupaten_code", insertable = false, updatable = false)
    public String kabupatenCode;

    /** What name searches compare against: lower-cased, accents stripped ("Pasi-Pasi" -> "pasi-pasi", "Bénténg" -> "benteng"). */
    public static String nameKeyOf(String name) {
        String decomposed = Normalizer.normalize(name.strip(), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** A new region with its level, parent and name key derived from the code and name. */
    public static Region of(String code, String name) {
        Region r = new Region();
        r.code = code;
        r.name = name;
        r.level = (short) RegionCodes.level(code);
        r.parentCode = RegionCodes.parent(code);
        r.nameKey = nameKeyOf(name);
        return r;
    }

    public RegionLevel levelKind() {
        return RegionLevel.of(level);
    }
}
