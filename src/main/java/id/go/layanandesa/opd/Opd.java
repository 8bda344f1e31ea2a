package id.go.layanandesa.opd;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Version;

import java.time.Instant;

/** An Organisasi Perangkat Daerah of one kabupaten. */
@Entity
public class Opd extends PanacheEntity {

    public String kabupatenCode;

    public String code;
    public String name;

    @Enumerated(EnumType.STRING)
    public OpdKind kind;

    /** The area it serves, for a kecamatan office or a Puskesmas; null for kabupaten-wide. */
    public String regionCode;

    public String email;
    public String phone;
    public String address;
    public boolean active = true;
    public boolean triage;

    @Version
    public int version;

    public Instant createdAt;

    public Instant updatedAt;

    /**
     * Persists a new OPD together with its queue counter row: every OPD has one, and whatever creates an
     * OPD goes through here so that none is ever missing.
     */
    public void persistWithQueueState() {
        persistAndFlush();
        getEntityManager().createNativeQuery("insert into opd_queue_state (opd_id, version, changed_at) values (?1, 0, ?2)")
                .setParameter(1, id)
                .setParameter(2, createdAt)
                .executeUpdate();
    }

    public static Opd triageOf(String kabupatenCode) {
        return find("kabupatenCode = ?1 and triage = true", kabupatenCode).firstResult();
    }
}
