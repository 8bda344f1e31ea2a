package id.go.layanandesa.region;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Generated;

/** A region of the Kepmendagri code list. */
@Entity
@Table(name = "region")
public class Region extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    /** 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan. */
    public short level;

    @Column(name = "parent_code")
    public String parentCode;

    @Column(name = "name_key")
    public String nameKey;

    @Generated
    @Column(name = "kabupaten_code", insertable = false, updatable = false)
    public String kabupatenCode;

    public RegionLevel levelKind() {
        return RegionLevel.of(level);
    }
}
