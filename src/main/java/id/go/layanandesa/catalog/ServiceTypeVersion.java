package id.go.layanandesa.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;

/** One definition of a service type as it stood; immutable once written. */
@Entity
public class ServiceTypeVersion extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @JdbcTypeCode(SqlTypes.JSON)
    public ServiceTypeSnapshot snapshot;

    public Instant createdAt;

    @Embeddable
    public record Key(Long serviceTypeId, int version) implements Serializable {
    }

    public static ServiceTypeVersion of(ServiceType type, Instant now) {
        ServiceTypeVersion v = new ServiceTypeVersion();
        v.key = new Key(type.id, type.version);
        v.snapshot = ServiceTypeSnapshot.of(type);
        v.createdAt = now;
        return v;
    }
}
