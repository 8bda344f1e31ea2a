package id.go.layanandesa.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** An endpoint that receives request events: the kabupaten's (no OPD) or one OPD's. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_subscription_seq")
    @SequenceGenerator(name = "webhook_subscription_seq", sequenceName = "webhook_subscription_seq", allocationSize = 50)
    public Long id;

    @Column(name = "kabupaten_code")
    public String kabupatenCode;

    /** The OPD whose requests it receives; null for the whole kabupaten. */
    @Column(name = "opd_id")
    public Long opdId;

    public String url;

    public String description;

    /** Event types it receives; empty for all. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types")
    public String[] eventTypes;

    /** Service types it receives; empty for all. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "service_type_ids")
    public Long[] serviceTypeIds;

    /** Whether its events carry the citizen's name and phone. */
    @Column(name = "personal_data")
    public boolean personalData;

    public boolean active;

    /** The signing secret, encrypted ({@link WebhookSecrets}). */
    public byte[] secret;

    @Column(name = "secret_prefix")
    public String secretPrefix;

    @Column(name = "previous_secret")
    public byte[] previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "failing_reason")
    public String failingReason;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;
}
