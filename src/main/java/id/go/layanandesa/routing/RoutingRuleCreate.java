package id.go.layanandesa.routing;

import id.go.layanandesa.opd.OpdKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule names an OPD (absolute), or a kind of OPD that serves the desa's area (relative): exactly one of the two. */
@Schema(name = "RoutingRuleCreate")
public record RoutingRuleCreate(
        @Schema(description = "A service type of the kabupaten; null or absent: every service", example = "1051", nullable = true) Long serviceTypeId,
        @Schema(description = "The kabupaten itself, one of its kecamatan or one of its desa", example = "73.24.04") @NotBlank String regionCode,
        @Schema(description = "An OPD of the kabupaten; give it or opdKind", example = "1008", nullable = true) Long opdId,
        @Schema(description = "For a relative rule: the active OPD of this kind whose area (its regionCode) contains the desa "
                + "takes the request, e.g. KECAMATAN for the kecamatan office of the desa; give it or opdId", example = "KECAMATAN",
                nullable = true) OpdKind opdKind,
        @Schema(description = "For a relative rule: only OPDs of the kind whose code starts with this, e.g. PKM_ for the "
                + "Puskesmas among the UPTs", example = "PKM_", nullable = true)
        @Pattern(regexp = "[A-Z0-9_]{1,40}", message = "must be 1-40 of A-Z, 0-9 and _") String opdCodePrefix,
        @Schema(example = "Legalisasi di Malili ditandatangani Camat Malili", nullable = true) @Size(max = 500) String note) {
}
