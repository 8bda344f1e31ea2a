package id.go.layanandesa.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** An endpoint that receives request events: the kabupaten's (no OPD) or one OPD's. */
@Entity
public class WebhookSubscription extends PanacheEntity {

    public String kabupatenCode;

    /** The OPD whose requests it receives; null for the whole kabupaten. */
    public Long opdId;

    public String url;

    public String description;

    /** Event types it receives; empty for all. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] eventTypes;

    /** Service types it receives; empty for all. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public Long[] serviceTypeIds;

    /** Whether its events carry the citizen's name and phone. */
    public boolean personalData;

    public boolean active;

    /** The signing secret, encrypted ({@link WebhookSecrets}). */
    public byte[] secret;

    public String secretPrefix;

    public byte[] previousSecret;

    public Instant previousSecretUntil;

    public Instant failingSince;

    public String failingReason;

    public String createdBy;

    public Instant createdAt;

    public Instant updatedAt;

    @Version
    public int version;
}
