package id.go.layanandesa.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
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
public class ServiceType extends PanacheEntity {

    public String kabupatenCode;

    public String code;
    public String name;
    public String description;

    public Long defaultOpdId;

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

    public Instant createdAt;

    public Instant updatedAt;
}
