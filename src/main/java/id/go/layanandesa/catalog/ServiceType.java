package id.go.layanandesa.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A service of the kabupaten's catalog. {@code version} counts its definitions; every one is kept in
 * {@link ServiceTypeVersion} so that a request stays tied to what it was filed under.
 */
@Entity
@Table(name = "service_type")
public class ServiceType extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "service_type_seq")
    @SequenceGenerator(name = "service_type_seq", sequenceName = "service_type_seq", allocationSize = 50)
    public Long id;

    @Column(name = "kabupaten_code")
    public String kabupatenCode;

    public String code;
    public String name;
    public String description;

    @Column(name = "default_opd_id")
    public Long defaultOpdId;

    @Column(name = "time_limit_days")
    public int timeLimitDays;

    /** Rupiah; civil registration is free by law. */
    public long fee;

    public String product;

    /** Open for filing. */
    public boolean open = true;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<DocumentDefinition> documents = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<FieldDefinition> fields = new ArrayList<>();

    /** Bumped on every change of the definition; not an optimistic lock on its own. */
    public int version = 1;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
