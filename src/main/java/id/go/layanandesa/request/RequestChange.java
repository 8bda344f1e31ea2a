package id.go.layanandesa.request;

import java.time.Instant;

/**
 * One change of a request, as its history entry records it: what the queue's signals, the desa's list version,
 * the event outbox and the audit trail observe, in the transaction that made the change.
 */
public record RequestChange(
        long eventId,
        long requestId,
        String kabupatenCode,
        String desaCode,
        long serviceTypeId,
        RequestEvent.EventType type,
        RequestStatus fromStatus,
        RequestStatus toStatus,
        Long fromOpdId,
        Long toOpdId,
        Instant at,
        Actor actor) {

    /** Whether the request moved to another OPD's queue (or entered one, when filed). */
    public boolean movedOpd() {
        return fromOpdId == null ? toOpdId != null : !fromOpdId.equals(toOpdId);
    }
}
