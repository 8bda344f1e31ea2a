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

import java.time.Instant;

/** One entry of a request's append-only history. */
@Entity
@Table(name = "request_event")
public class RequestEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "request_event_seq")
    @SequenceGenerator(name = "request_event_seq", sequenceName = "request_event_seq", allocationSize = 50)
    public Long id;

    @Column(name = "request_id")
    public Long requestId;

    public Instant at;

    @Enumerated(EnumType.STRING)
    public EventType type;

    /** ACCOUNT, API_KEY or SYSTEM. */
    @Column(name = "actor_kind")
    public String actorKind;

    @Column(name = "actor_id")
    public Long actorId;

    @Column(name = "actor_name")
    public String actorName;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public RequestStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public RequestStatus toStatus;

    @Column(name = "from_opd_id")
    public Long fromOpdId;

    @Column(name = "to_opd_id")
    public Long toOpdId;

    /** Internal: for the desa and the OPDs. */
    public String note;

    /** For the citizen: public tracking and the citizen's message show it (what to bring, where to pick up). */
    @Column(name = "public_note")
    public String publicNote;

    public enum EventType {
        FILED, ACCEPTED, INFO_REQUESTED, INFO_SUPPLIED, FORWARDED, REASSIGNED, COMPLETED, REJECTED, CANCELLED,
        CLAIMED, RELEASED, LEASE_EXPIRED, FLAGGED,
        /** The service: the request passed its due date unfinished (once per breach). */
        OVERDUE,
        /** The service: the due date moved by the working days the clock stood still in NEEDS_INFO. */
        DUE_DATE_MOVED,
        /** A file was attached to a declared document (status unchanged). */
        DOCUMENT_ATTACHED,
        /** The OPD added the result document it will complete the request with (status unchanged). */
        RESULT_ATTACHED,
        /** The retention period ran out: the citizen's personal data was replaced by a marker. */
        PERSONAL_DATA_PURGED
    }
}
