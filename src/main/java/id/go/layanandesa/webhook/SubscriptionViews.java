package id.go.layanandesa.webhook;

import id.go.layanandesa.audit.ShowsPersonalData;
import id.go.layanandesa.common.http.Versioned;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.request.RequestEvent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Subscriptions and their deliveries on the wire. */
public final class SubscriptionViews {

    private SubscriptionViews() {
    }

    @Schema(name = "WebhookSubscriptionBody", description = "A subscription as an admin or OPD system asks for it; a change replaces it whole")
    public record Body(
            @Schema(description = "Where events are POSTed: an https:// URL whose host resolves to public addresses", example = "https://siak.disdukcapil.luwutimurkab.go.id/hooks/layanan-desa")
            @NotBlank @Size(max = 2000) String url,
            @Schema(description = "What it is for", example = "SIAK: status permohonan") @Size(max = 200) String description,
            @Schema(description = "Only these kinds of change; empty or absent for all", example = "[\"FILED\", \"INFO_REQUESTED\", \"COMPLETED\"]")
            @Size(max = 30) List<RequestEvent.@NotNull EventType> eventTypes,
            @Schema(description = "Only requests for these services of the kabupaten; empty or absent for all", example = "[1001]")
            @Size(max = 100) List<@NotNull Long> serviceTypeIds,
            @Schema(description = "Whether events carry the citizen's name and phone (for a messaging gateway); default false",
                    example = "false") Boolean personalData,
            @Schema(description = "false pauses deliveries (they wait and go when it is active again); default true", example = "true")
            Boolean active) {
    }

    @Schema(name = "WebhookSubscriptionState")
    public enum State { ACTIVE, FAILING, PAUSED }

    @Schema(name = "WebhookSubscription", description = "An endpoint that receives request events, signed per Standard Webhooks")
    public record View(
            @Schema(example = "51") long id,
            @Schema(example = "https://siak.disdukcapil.luwutimurkab.go.id/hooks/layanan-desa") String url,
            @MayBeAbsent @Schema(example = "SIAK: status permohonan") String description,
            @MayBeAbsent @Schema(description = "The OPD whose requests it receives (a subscription of an OPD system); absent for the whole kabupaten",
                    example = "1051") Long opdId,
            @Schema(description = "Empty: every kind of change") List<RequestEvent.EventType> eventTypes,
            @Schema(description = "Empty: every service") List<Long> serviceTypeIds,
            @Schema(description = "Whether events carry the citizen's name and phone", example = "false") boolean personalData,
            @Schema(description = "false: paused", example = "true") boolean active,
            @Schema(description = "ACTIVE; FAILING since a delivery was given up after retrying for the retry period, until a delivery "
                    + "succeeds again; PAUSED", example = "ACTIVE") State state,
            @MayBeAbsent @Schema(description = "While FAILING: since when", example = "2026-12-01T02:15:00Z") Instant failingSince,
            @MayBeAbsent @Schema(description = "While FAILING: why", example = "delivery 90211 (evt_51234, FILED) given up after 31 attempts in 24 h: HTTP 503")
            String failingReason,
            @Schema(description = "The start of the signing secret, to tell secrets apart", example = "whsec_Qm3xV8") String secretPrefix,
            @MayBeAbsent @Schema(description = "Only in the answers of creating and rotating, this once: the signing secret. Verify the "
                    + "webhook-signature header with it (Standard Webhooks).", example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            String secret,
            @MayBeAbsent @Schema(description = "After a rotation: until when events are signed with the previous secret too", example = "2026-12-02T02:15:00Z")
            Instant previousSecretValidUntil,
            @Schema(description = "Who made it", example = "account:1001") String createdBy,
            @Schema(example = "2026-12-01T02:15:00Z") Instant createdAt,
            @Schema(example = "2026-12-01T02:15:00Z") Instant updatedAt,
            @Schema(description = "Send it as If-Match to change the subscription", example = "0") int version) implements Versioned {
    }

    @Schema(name = "WebhookSubscriptionPage", description = "One page of subscriptions, oldest first; pass next as cursor for the following page")
    public record Page(List<View> items,
                       @MayBeAbsent @Schema(description = "Cursor of the next page; absent on the last", example = "ZHw1MQ") String next) {
    }

    @Schema(name = "WebhookDeliveryState")
    public enum DeliveryState { PENDING, DELIVERED, GIVEN_UP }

    @Schema(name = "WebhookDelivery", description = "One event on its way to one subscription, with its last attempt")
    public record Delivery(
            @Schema(example = "90211") long id,
            @Schema(description = "The webhook-id header of every attempt", example = "evt_51234") String messageId,
            @Schema(example = "51234") long eventId,
            @Schema(example = "1001") long requestId,
            @Schema(example = "INFO_REQUESTED") RequestEvent.EventType eventType,
            @Schema(description = "PENDING (waiting or being tried), DELIVERED (a 2xx answer), GIVEN_UP (failed for the whole retry period)",
                    example = "PENDING") DeliveryState state,
            @Schema(description = "Attempts so far", example = "3") int attempts,
            @Schema(example = "2026-11-30T03:10:00Z") Instant createdAt,
            @MayBeAbsent @Schema(example = "2026-11-30T03:10:00Z") Instant firstAttemptAt,
            @MayBeAbsent @Schema(example = "2026-11-30T03:10:35Z") Instant lastAttemptAt,
            @MayBeAbsent @Schema(description = "The last answer's HTTP status; absent when there was none (timeout, refused connection)", example = "503")
            Integer responseStatus,
            @MayBeAbsent @Schema(description = "How long the last attempt took", example = "182") Integer latencyMs,
            @MayBeAbsent @Schema(description = "Why the last attempt failed", example = "HTTP 503") String error,
            @MayBeAbsent @Schema(description = "While PENDING: when the next attempt goes", example = "2026-11-30T03:11:15Z") Instant nextAttemptAt,
            @MayBeAbsent @Schema(example = "2026-11-30T03:11:16Z") Instant deliveredAt,
            @MayBeAbsent @Schema(description = "The delivery this one sends again (manual redelivery)", example = "90100") Long redeliveryOf,
            @MayBeAbsent @Schema(description = "Only when one delivery is read, once an attempt has ended: the body as sent") WebhookEvent payload)
            implements ShowsPersonalData {

        /** The request, when the body carries its citizen's name and phone (a subscription allowed personal data). */
        @Override
        public List<Long> requestsShown() {
            return payload != null && payload.data() != null && payload.data().citizen() != null ? List.of(requestId) : List.of();
        }
    }

    @Schema(name = "WebhookDeliveryPage", description = "One page of a subscription's deliveries, newest first")
    public record DeliveryPage(List<Delivery> items,
                               @MayBeAbsent @Schema(description = "Cursor of the next page; absent on the last", example = "ZHw5MDIwMA") String next) {
    }
}
