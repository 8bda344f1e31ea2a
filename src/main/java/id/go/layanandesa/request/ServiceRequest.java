package id.go.layanandesa.request;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A citizen's request, filed at a desa and worked by one OPD at a time. */
@Entity
public class ServiceRequest extends PanacheEntity {

    public String trackingCode;

    public String kabupatenCode;

    public String kecamatanCode;

    public String desaCode;

    public Long serviceTypeId;

    public int serviceTypeVersion;

    public Long opdId;

    public Long routingRuleId;

    @Enumerated(EnumType.STRING)
    public RequestStatus status;

    public String citizenNik;

    public String citizenName;

    public String citizenPhone;

    public String citizenAddress;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> answers;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<DocumentDeclaration> documents;

    public String note;

    public Long filedBy;

    public Instant filedAt;

    public LocalDate dueDate;

    public Instant finishedAt;

    /** The principal (account:N or key:N) that accepted it. */
    public String assignedTo;

    /** Whoever accepted it, by name, for the queue's "who holds what". */
    public String assignedToName;

    public UUID claimId;

    public String claimedBy;

    public Instant leaseUntil;

    /** Whether a claim holds it at {@code now}. */
    public boolean leasedAt(Instant now) {
        return claimId != null && leaseUntil != null && leaseUntil.isAfter(now);
    }

    public int deliveryCount;

    public boolean needsAttention;

    public int forwardCount;

    /** The OPD that asked for information, to which supplied information returns. */
    public Long infoRequestedBy;

    public String resultNote;

    public String documentNumber;

    /** When the retention period ran out and the citizen's personal data was replaced by a marker; null before. */
    public Instant personalDataPurgedAt;

    @Version
    public int version;

    public Instant updatedAt;
}
