package id.go.layanandesa.account;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;

import java.time.Instant;

/** The API key of an OPD system. Only a SHA-256 hash of the secret is kept. */
@Entity
public class ApiKey extends PanacheEntity {

    public String kabupatenCode;

    public Long opdId;

    public String name;

    /** The first characters of the key, shown in lists so people can tell keys apart. */
    public String prefix;

    public String keyHash;

    public Long createdBy;

    public Instant createdAt;

    public Instant lastUsedAt;

    public Instant revokedAt;
}
