package id.go.layanandesa.routing;

import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.opd.OpdKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "RoutingRule", description = "For this service (or every service) from this area, route to this OPD, or (a "
        + "relative rule) to the OPD of this kind that serves the desa")
public record RoutingRuleView(
        @Schema(example = "2001") long id,
        @Schema(example = "73.24") String kabupatenCode,
        @MayBeAbsent @Schema(description = "Absent: every service", example = "1051") Long serviceTypeId,
        @Schema(description = "The kabupaten itself, one of its kecamatan or one of its desa", example = "73.24.04") String regionCode,
        @MayBeAbsent @Schema(description = "The OPD of an absolute rule; absent for a relative one", example = "1008") Long opdId,
        @MayBeAbsent @Schema(description = "For a relative rule: the kind of the OPD, serving the desa's area, that takes the request",
                example = "KECAMATAN") OpdKind opdKind,
        @MayBeAbsent @Schema(description = "For a relative rule: only OPDs of the kind whose code starts with this", example = "PKM_")
        String opdCodePrefix,
        @MayBeAbsent @Schema(example = "Legalisasi di Malili ditandatangani Camat Malili") String note,
        @Schema(example = "2026-11-02T01:30:00Z") Instant createdAt) {

    static RoutingRuleView of(RoutingRule r) {
        return new RoutingRuleView(r.id, r.kabupatenCode, r.serviceTypeId, r.regionCode, r.opdId, r.opdKind, r.opdCodePrefix, r.note,
                r.createdAt);
    }
}
