package id.go.layanandesa.webhook;

import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.request.RequestEvent;
import id.go.layanandesa.request.RequestStatus;
import id.go.layanandesa.request.RequestViews;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a subscription receives for one change of a request, in the Standard Webhooks shape ({@code type},
 * {@code timestamp}, {@code data}). Every event type has this one shape: the history entry of the change plus what
 * a receiver needs without calling back (tracking code, service, desa, OPDs, due date, the public note and the
 * citizen's message). The citizen's name and phone only go to subscriptions allowed personal data.
 */
@Schema(name = "WebhookEvent", description = "One change of a request, as every subscription that wants it receives it")
public record WebhookEvent(
        @Schema(description = "The kind of change; also what subscriptions filter on", example = "INFO_REQUESTED") RequestEvent.EventType type,
        @Schema(description = "When the change happened", example = "2026-11-30T03:10:00Z") Instant timestamp,
        Data data) {

    @Schema(name = "WebhookEventData")
        public record Data(
            @Schema(description = "The history entry; with the prefix evt_ it is also the webhook-id header", example = "51234") long eventId,
            @Schema(example = "1001") long requestId,
            @Schema(example = "K7M2-QX9P-RT") String trackingCode,
            @Schema(example = "73.24") String kabupatenCode,
            Desa desa,
            RequestViews.ServiceTypeRef serviceType,
            @MayBeAbsent @Schema(description = "Status before the change; absent for FILED", example = "IN_PROGRESS") RequestStatus fromStatus,
            @Schema(description = "Status after the change", example = "NEEDS_INFO") RequestStatus toStatus,
            @MayBeAbsent @Schema(description = "OPD that had it before; absent for FILED") RequestViews.OpdRef fromOpd,
            @Schema(description = "OPD that has it after the change") RequestViews.OpdRef toOpd,
            @Schema(example = "2026-11-30T02:15:00Z") Instant filedAt,
            @Schema(description = "In the kabupaten's calendar", example = "2026-12-14") LocalDate dueDate,
            @Schema(description = "Who made the change: a role, API_KEY or SYSTEM", example = "OPD_OFFICER") String actorKind,
            @MayBeAbsent @Schema(description = "What the OPD wrote for the citizen; absent when nothing", example = "Fotokopi buku nikah orang tua")
            String publicNote,
            @MayBeAbsent @Schema(description = "The kabupaten's message for the citizen when the status changed, ready to send as it is; absent "
                    + "when the status stayed", example = "Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) perlu dilengkapi: Fotokopi buku "
                    + "nikah orang tua. Silakan ke kantor desa.")
            String citizenMessage,
            @MayBeAbsent @Schema(description = "Only for subscriptions allowed personal data") Citizen citizen) {
    }

    @Schema(name = "WebhookEventDesa")
    public record Desa(@Schema(example = "73.24.04.2001") String code, @Schema(example = "Harapan") String name) {
    }

    @Schema(name = "WebhookEventCitizen", description = "Personal data: only for subscriptions allowed it")
        public record Citizen(@Schema(example = "Siti Rahmawati") String name,
                          @MayBeAbsent @Schema(description = "E.164; absent when the filing gave none", example = "+6281234567890") String phone) {
    }
}
