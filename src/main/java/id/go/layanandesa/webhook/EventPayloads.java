package id.go.layanandesa.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.message.CitizenMessages;
import id.go.layanandesa.request.RequestEvent;
import id.go.layanandesa.request.RequestStatus;
import id.go.layanandesa.request.RequestViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Makes the body of a delivery: the event as {@link WebhookEvent}, with the citizen's message of the kabupaten. */
@ApplicationScoped
public class EventPayloads {

    @Inject
    ObjectMapper mapper;

    public String body(WebhookStore.Source s) {
        try {
            return mapper.writeValueAsString(event(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the event of delivery " + s.deliveryId(), e);
        }
    }

    static WebhookEvent event(WebhookStore.Source s) {
        RequestStatus from = s.fromStatus() == null ? null : RequestStatus.valueOf(s.fromStatus());
        RequestStatus to = s.toStatus() == null ? null : RequestStatus.valueOf(s.toStatus());
        String message = null;
        if (to != null && from != to) {
            String template = s.template() != null ? s.template() : CitizenMessages.defaultText(to);
            message = CitizenMessages.render(template, new CitizenMessages.Values(s.serviceTypeName(), s.trackingCode(), s.toOpdName(),
                    s.desaName(), s.dueDate(), s.publicNote()));
        }
        WebhookEvent.Data data = new WebhookEvent.Data(s.eventId(), s.requestId(), s.trackingCode(), s.kabupatenCode(),
                new WebhookEvent.Desa(s.desaCode(), s.desaName()),
                new RequestViews.ServiceTypeRef(s.serviceTypeId(), s.serviceTypeCode(), s.serviceTypeName(), s.serviceTypeVersion()),
                from, to,
                s.fromOpdId() == null ? null : new RequestViews.OpdRef(s.fromOpdId(), s.fromOpdCode(), s.fromOpdName()),
                s.toOpdId() == null ? null : new RequestViews.OpdRef(s.toOpdId(), s.toOpdCode(), s.toOpdName()),
                s.filedAt(), s.dueDate(), s.actorKind(), s.publicNote(), message,
                s.personalData() ? new WebhookEvent.Citizen(s.citizenName(), s.citizenPhone()) : null);
        return new WebhookEvent(RequestEvent.EventType.valueOf(s.type()), s.at(), data);
    }
}
