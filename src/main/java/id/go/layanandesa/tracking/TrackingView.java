package id.go.layanandesa.tracking;

import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.request.RequestStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What anyone holding a tracking code may see: nothing personal, and of the notes only the public ones. */
@Schema(name = "TrackingView")
public record TrackingView(
        @Schema(example = "K7M2-QX9P-RT") String trackingCode,
        @Schema(example = "Akta Kelahiran") String service,
        @Schema(example = "IN_PROGRESS") RequestStatus status,
        @Schema(description = "The OPD working on it", example = "Dinas Kependudukan dan Pencatatan Sipil") String opd,
        @Schema(example = "2026-11-30T02:15:00Z") Instant filedAt,
        @Schema(example = "2026-12-14") LocalDate dueDate,
        @MayBeAbsent @Schema(description = "When it was completed, rejected or cancelled") Instant finishedAt,
        @Schema(example = "false") boolean overdue,
        List<Step> history) {

    @Schema(name = "TrackingStep")
    public record Step(@Schema(example = "2026-11-30T02:15:00Z") Instant at,
                       @Schema(example = "SUBMITTED") RequestStatus status,
                       @MayBeAbsent @Schema(description = "What the OPD wrote for the citizen at this step (what to bring, where to pick up); "
                               + "absent when nothing", example = "Akta dapat diambil di kantor desa mulai Senin") String publicNote) {
    }
}
