package id.go.layanandesa.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.message.CitizenMessages;
import id.go.layanandesa.request.RequestEvent.EventType;
import id.go.layanandesa.request.RequestStatus;
import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The events subscriptions receive, as the {@code webhooks} of the OpenAPI 3.1 spec: one per event type, made from
 * the event types themselves (a new type appears here by itself), all with the one {@code WebhookEvent} schema,
 * since the outbox carries every type in the same shape; each with an example of its own and the Standard Webhooks
 * headers. One webhook per type, rather than one generic with a discriminator, lets an integrator see the list of
 * kinds of change and what each looks like; the body needs no discriminator because its shape does not vary.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class WebhookOpenApiFilter implements OASFilter {

    private static final Map<EventType, String> SUMMARIES = Map.ofEntries(
            Map.entry(EventType.FILED, "A desa filed a request; it is in an OPD's queue"),
            Map.entry(EventType.ACCEPTED, "An OPD accepted a request: IN_PROGRESS"),
            Map.entry(EventType.INFO_REQUESTED, "An OPD asked the desa for what is missing: NEEDS_INFO"),
            Map.entry(EventType.INFO_SUPPLIED, "The desa supplied what was missing: back in the OPD's queue"),
            Map.entry(EventType.FORWARDED, "An OPD forwarded a request to another OPD"),
            Map.entry(EventType.REASSIGNED, "An admin moved a request to another OPD"),
            Map.entry(EventType.COMPLETED, "An OPD completed a request"),
            Map.entry(EventType.REJECTED, "An OPD rejected a request"),
            Map.entry(EventType.CANCELLED, "The desa cancelled a request"),
            Map.entry(EventType.CLAIMED, "An OPD system claimed a request for a lease"),
            Map.entry(EventType.RELEASED, "A claimed request was given back to the queue"),
            Map.entry(EventType.LEASE_EXPIRED, "A claim's lease ran out before the request was worked"),
            Map.entry(EventType.FLAGGED, "A request delivered too often without being worked was flagged for a person"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ObjectMapper mapper = Arc.container().instance(ObjectMapper.class).get();
        for (EventType type : EventType.values()) {
            openAPI.addWebhook(type.name(), OASFactory.createPathItem().POST(operation(type, mapper)));
        }
    }

    private static Operation operation(EventType type, ObjectMapper mapper) {
        String summary = SUMMARIES.getOrDefault(type, "A request changed: " + type);
        return OASFactory.createOperation()
                .operationId("webhook" + camel(type.name()))
                .summary(summary)
                .description("POSTed to every active subscription that wants " + type + " events of the request's kabupaten (or its OPD, "
                        + "for an OPD system's subscription), in order per request. Verify `webhook-signature` before trusting the body "
                        + "(Standard Webhooks: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the base64 part of "
                        + "the `whsec_` secret) and refuse timestamps far from now. The same event may come more than once (at least "
                        + "once): use `webhook-id` to tell. `data.citizen` is there only for subscriptions allowed personal data.")
                .tags(List.of("Webhooks"))
                .security(List.of())
                .parameters(List.of(
                        header("webhook-id", "The event's id: the same on every attempt and redelivery", "evt_51234"),
                        header("webhook-timestamp", "When this attempt was signed, in seconds since 1970", "1764468600"),
                        header("webhook-signature", "`v1,<base64 signature>`; after a rotation two, separated by a space, one per valid secret",
                                "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=")))
                .requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                        .addMediaType("application/json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/WebhookEvent"))
                                .example(mapper.convertValue(example(type), Map.class)))))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse()
                                .description("Any 2xx within the timeout (10 s by default) delivers the event; the body is not read"))
                        .addAPIResponse("default", OASFactory.createAPIResponse()
                                .description("Any other status, a redirect (not followed), a timeout or a refused connection: the event "
                                        + "is tried again with growing waits, for 24 h")));
    }

    private static Parameter header(String name, String description, String example) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(true).description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)).example(example);
    }

    static WebhookEvent example(EventType type) {
        RequestStatus from = switch (type) {
            case FILED -> null;
            case ACCEPTED, CANCELLED, FORWARDED, REASSIGNED, CLAIMED, RELEASED, LEASE_EXPIRED, FLAGGED -> RequestStatus.SUBMITTED;
            case INFO_SUPPLIED -> RequestStatus.NEEDS_INFO;
            default -> RequestStatus.IN_PROGRESS;
        };
        RequestStatus to = switch (type) {
            case FILED, INFO_SUPPLIED, FORWARDED, REASSIGNED, CLAIMED, RELEASED, LEASE_EXPIRED, FLAGGED -> RequestStatus.SUBMITTED;
            case ACCEPTED -> RequestStatus.IN_PROGRESS;
            case INFO_REQUESTED -> RequestStatus.NEEDS_INFO;
            case COMPLETED -> RequestStatus.COMPLETED;
            case REJECTED -> RequestStatus.REJECTED;
            case CANCELLED -> RequestStatus.CANCELLED;
            default -> RequestStatus.IN_PROGRESS;
        };
        String publicNote = switch (type) {
            case INFO_REQUESTED -> "Fotokopi buku nikah orang tua";
            case COMPLETED -> "Akta dapat diambil di kantor desa mulai Senin, bawa KTP-el";
            default -> null;
        };
        boolean moved = type == EventType.FORWARDED || type == EventType.REASSIGNED;
        var disdukcapil = new id.go.layanandesa.request.RequestViews.OpdRef(1051, "DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil");
        var camat = new id.go.layanandesa.request.RequestViews.OpdRef(1052, "KEC_MALILI", "Kantor Camat Malili");
        String actor = switch (type) {
            case FILED, CANCELLED, INFO_SUPPLIED -> "DESA_OFFICER";
            case REASSIGNED -> "ADMIN";
            case CLAIMED -> "OPD_SYSTEM";
            case RELEASED, LEASE_EXPIRED, FLAGGED -> "SYSTEM";
            default -> "OPD_OFFICER";
        };
        LocalDate due = LocalDate.of(2026, 12, 14);
        String message = from == to ? null : CitizenMessages.render(CitizenMessages.defaultText(to), new CitizenMessages.Values(
                "Akta Kelahiran", "K7M2-QX9P-RT", moved ? camat.name() : disdukcapil.name(), "Harapan", due, publicNote));
        return new WebhookEvent(type, Instant.parse("2026-11-30T03:10:00Z"), new WebhookEvent.Data(51234, 1001, "K7M2-QX9P-RT", "73.24",
                new WebhookEvent.Desa("73.24.04.2001", "Harapan"),
                new id.go.layanandesa.request.RequestViews.ServiceTypeRef(1001, "AKTA_KELAHIRAN", "Akta Kelahiran", 1),
                from, to, from == null ? null : disdukcapil, moved ? camat : disdukcapil, Instant.parse("2026-11-30T02:15:00Z"), due,
                actor, publicNote, message, new WebhookEvent.Citizen("Siti Rahmawati", "+6281234567890")));
    }

    private static String camel(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String part : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
