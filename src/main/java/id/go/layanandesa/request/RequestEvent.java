package id.go.layanandesa.request;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Instant;

/** One entry of a request's append-only history. */
@Entity
public class RequestEvent extends PanacheEntity {

    public Long requestId;

    public Instant at;

    @Enumerated(EnumType.STRING)
    public EventType type;

    /** ACCOUNT, API_KEY or SYSTEM. */
    public String actorKind;

    public Long actorId;

    public String actorName;

    @Enumerated(EnumType.STRING)
    public RequestStatus fromStatus;

    @Enumerated(EnumType.STRING)
    public RequestStatus toStatus;

    public Long fromOpdId;

    public Long toOpdId;

    /** Internal: for the desa and the OPDs. */
    public String note;

    /** For the citizen: public tracking and the citizen's message show it (what to bring, where to pick up). */
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
