package id.go.layanandesa.request;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Appends to a request's history; nothing ever changes or removes an entry. */
@ApplicationScoped
public class History {

    public RequestEvent append(ServiceRequest request, RequestEvent.EventType type, Actor actor, Instant at,
                               RequestStatus from, Long fromOpd, String note) {
        RequestEvent e = new RequestEvent();
        e.requestId = request.id;
        e.at = at;
        e.type = type;
        e.actorKind = actor.kind();
        e.actorId = actor.id();
        e.actorName = actor.name();
        e.fromStatus = from;
        e.toStatus = request.status;
        e.fromOpdId = fromOpd;
        e.toOpdId = request.opdId;
        e.note = note;
        e.persist();
        return e;
    }
}
