package id.go.layanandesa.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** The API key of an OPD system. Only a SHA-256 hash of the secret is kept. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_key_seq")
    @SequenceGenerator(name = "api_key_seq", sequenceName = "api_key_seq", allocationSize = 50)
    public Long id;

    @Column(name = "kabupaten_code")
    public String kabupatenCode;

    @Column(name = "opd_id")
    public Long opdId;

    public String name;

    /** The first characters of the key, shown in lists so people can tell keys apart. */
    public String prefix;

    @Column(name = "key_hash")
    public String keyHash;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
