package id.go.layanandesa.request;

import id.go.layanandesa.audit.ShowsPersonalData;
import id.go.layanandesa.common.http.Versioned;
import id.go.layanandesa.common.openapi.MayBeAbsent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What requests look like on the wire. */
public final class RequestViews {

    private RequestViews() {
    }

    @Schema(name = "OpdRef")
    public record OpdRef(@Schema(example = "1001") long id, @Schema(example = "DISDUKCAPIL") String code,
                         @Schema(example = "Dinas Kependudukan dan Pencatatan Sipil") String name) {
    }

    @Schema(name = "ServiceTypeRef")
    public record ServiceTypeRef(@Schema(example = "1001") long id, @Schema(example = "AKTA_KELAHIRAN") String code,
                                 @Schema(example = "Akta Kelahiran") String name, @Schema(example = "1") int version) {
    }

    @Schema(name = "FilingReceipt", description = "What filing answers: where the request went and when it is due")
    public record FilingReceipt(
            @Schema(example = "1001") long id,
            @Schema(description = "Give this to the citizen", example = "K7M2-QX9P-RT") String trackingCode,
            @Schema(example = "SUBMITTED") RequestStatus status,
            OpdRef opd,
            @Schema(description = "Why it went there", example = "SERVICE_DEFAULT") String routedBy,
            @Schema(example = "2026-11-30T02:15:00Z") Instant filedAt,
            @Schema(description = "In the kabupaten's calendar", example = "2026-12-14") LocalDate dueDate,
            @Schema(example = "0") int version) implements Versioned {
    }

    @Schema(name = "RequestSummary", description = "A request in a list; the NIK is masked")
    public record RequestSummary(
            @Schema(example = "1001") long id,
            @Schema(example = "K7M2-QX9P-RT") String trackingCode,
            ServiceTypeRef serviceType,
            @Schema(example = "SUBMITTED") RequestStatus status,
            @Schema(example = "7324**********01") String nikMasked,
            @Schema(example = "Siti Rahmawati") String citizenName,
            @Schema(example = "73.24.04.2001") String desaCode,
            OpdRef opd,
            @Schema(example = "2026-11-30T02:15:00Z") Instant filedAt,
            @Schema(example = "2026-12-14") LocalDate dueDate,
            @Schema(description = "Past its due date and not finished", example = "false") boolean overdue,
            @Schema(description = "Set when repeated deliveries failed and a person should look", example = "false") boolean needsAttention,
            @MayBeAbsent @Schema(description = "Principal that accepted it", example = "account:1051") String assignedTo,
            @MayBeAbsent @Schema(description = "Name of whoever accepted it", example = "Andi Pratama") String assignedToName,
            @MayBeAbsent @Schema(description = "The consumer whose claim holds it now", example = "key:7/siak-bridge-1") String claimedBy,
            @MayBeAbsent @Schema(description = "Until when that claim holds it", example = "2026-11-30T02:20:00Z") Instant leaseUntil,
            @Schema(description = "Last change of any kind", example = "2026-11-30T02:15:00Z") Instant updatedAt,
            @Schema(example = "0") int version) {
    }

    @Schema(name = "RequestPage", description = "One page of requests; pass next as cursor for the following page")
    public record RequestPage(List<RequestSummary> items,
                              @MayBeAbsent @Schema(description = "Send it as `cursor` for the following page; absent on the last page", example = "MjAyNi0xMS0zMFQwMjoxNTowMFp8MTAwMQ") String next)
            implements ShowsPersonalData {

        /** A list shows the citizens' names. */
        @Override
        public List<Long> requestsShown() {
            return items.stream().map(RequestSummary::id).toList();
        }
    }

    @Schema(name = "HistoryEntry")
    public record HistoryEntry(
            @Schema(example = "2026-11-30T02:15:00Z") Instant at,
            @Schema(example = "FILED") RequestEvent.EventType type,
            @Schema(example = "desa.harapan") String actor,
            @Schema(example = "DESA_OFFICER") String actorKind,
            @MayBeAbsent RequestStatus fromStatus,
            @Schema(example = "SUBMITTED") RequestStatus toStatus,
            @MayBeAbsent OpdRef fromOpd,
            @MayBeAbsent OpdRef toOpd,
            @MayBeAbsent @Schema(description = "Internal: for the desa and the OPDs", example = "Berkas lengkap") String note,
            @MayBeAbsent @Schema(description = "For the citizen: public tracking shows it", example = "Akta dapat diambil di kantor desa mulai Senin")
            String publicNote) {
    }

    @Schema(name = "RequestDetail", description = "A request with its citizen, answers and whole history")
    public record RequestDetail(
            long id,
            String trackingCode,
            ServiceTypeRef serviceType,
            RequestStatus status,
            FilingRequest.Citizen citizen,
            Map<String, Object> answers,
            List<DocumentDeclaration> documents,
            @MayBeAbsent String note,
            String desaCode,
            OpdRef opd,
            @MayBeAbsent @Schema(description = "The routing rule that sent it to its first OPD; absent when the default OPD or triage took it", example = "3051") Long routingRuleId,
            Instant filedAt,
            LocalDate dueDate,
            @MayBeAbsent Instant finishedAt,
            boolean overdue,
            @MayBeAbsent @Schema(description = "Principal that accepted it", example = "account:1051") String assignedTo,
            @MayBeAbsent @Schema(description = "Name of whoever accepted it", example = "Andi Pratama") String assignedToName,
            @MayBeAbsent @Schema(description = "The consumer whose claim holds it now", example = "key:7/siak-bridge-1") String claimedBy,
            @MayBeAbsent @Schema(description = "Until when that claim holds it", example = "2026-11-30T02:20:00Z") Instant leaseUntil,
            @Schema(description = "Times a claim delivered it") int deliveryCount,
            boolean needsAttention,
            int forwardCount,
            @MayBeAbsent String resultNote,
            @MayBeAbsent String documentNumber,
            @MayBeAbsent @Schema(description = "When the kabupaten's retention period ran out and the citizen's personal data "
                    + "(NIK, name, phone, address, free-text answers, notes, document number) was replaced by the marker "
                    + "[DIHAPUS]; absent before", example = "2031-12-01T18:15:00Z") Instant personalDataPurgedAt,
            @Schema(description = "Last change of any kind", example = "2026-11-30T02:15:00Z") Instant updatedAt,
            int version,
            List<HistoryEntry> history) implements Versioned, ShowsPersonalData {

        @Override
        public List<Long> requestsShown() {
            return List.of(id);
        }
    }
}
