package id.go.layanandesa.request;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
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
@Table(name = "service_request")
public class ServiceRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "service_request_seq")
    @SequenceGenerator(name = "service_request_seq", sequenceName = "service_request_seq", allocationSize = 50)
    public Long id;

    @Column(name = "tracking_code")
    public String trackingCode;

    @Column(name = "kabupaten_code")
    public String kabupatenCode;

    @Column(name = "kecamatan_code")
    public String kecamatanCode;

    @Column(name = "desa_code")
    public String desaCode;

    @Column(name = "service_type_id")
    public Long serviceTypeId;

    @Column(name = "service_type_version")
    public int serviceTypeVersion;

    @Column(name = "opd_id")
    public Long opdId;

    @Column(name = "routing_rule_id")
    public Long routingRuleId;

    @Enumerated(EnumType.STRING)
    public RequestStatus status;

    @Column(name = "citizen_nik")
    public String citizenNik;

    @Column(name = "citizen_name")
    public String citizenName;

    @Column(name = "citizen_phone")
    public String citizenPhone;

    @Column(name = "citizen_address")
    public String citizenAddress;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> answers;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<DocumentDeclaration> documents;

    public String note;

    @Column(name = "filed_by")
    public Long filedBy;

    @Column(name = "filed_at")
    public Instant filedAt;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The principal (account:N or key:N) that accepted it. */
    @Column(name = "assigned_to")
    public String assignedTo;

    /** Whoever accepted it, by name, for the queue's "who holds what". */
    @Column(name = "assigned_to_name")
    public String assignedToName;

    @Column(name = "claim_id")
    public UUID claimId;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** Whether a claim holds it at {@code now}. */
    public boolean leasedAt(Instant now) {
        return claimId != null && leaseUntil != null && leaseUntil.isAfter(now);
    }

    @Column(name = "delivery_count")
    public int deliveryCount;

    @Column(name = "needs_attention")
    public boolean needsAttention;

    @Column(name = "forward_count")
    public int forwardCount;

    /** The OPD that asked for information, to which supplied information returns. */
    @Column(name = "info_requested_by")
    public Long infoRequestedBy;

    @Column(name = "result_note")
    public String resultNote;

    @Column(name = "document_number")
    public String documentNumber;

    /** When the retention period ran out and the citizen's personal data was replaced by a marker; null before. */
    @Column(name = "personal_data_purged_at")
    public Instant personalDataPurgedAt;

    @Version
    public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
