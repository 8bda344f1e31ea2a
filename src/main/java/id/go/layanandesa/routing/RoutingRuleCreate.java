package id.go.layanandesa.routing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RoutingRuleCreate")
public record RoutingRuleCreate(
        @Schema(description = "A service type of the kabupaten; null or absent: every service", example = "1051", nullable = true) Long serviceTypeId,
        @Schema(description = "The kabupaten itself, one of its kecamatan or one of its desa", example = "73.24.04") @NotBlank String regionCode,
        @Schema(description = "An OPD of the kabupaten", example = "1008") @NotNull Long opdId,
        @Schema(example = "Legalisasi di Malili ditandatangani Camat Malili", nullable = true) @Size(max = 500) String note) {
}
