package id.go.layanandesa.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A new catalog entry; its kabupaten is the caller's. */
@Schema(name = "ServiceTypeCreate")
public record ServiceTypeCreate(
        @Schema(example = "SURAT_KETERANGAN_USAHA") @NotBlank @Pattern(regexp = "[A-Z0-9_]{1,40}", message = "must be 1-40 of A-Z, 0-9 and _") String code,
        @Schema(example = "Surat Keterangan Usaha") @NotBlank @Size(max = 200) String name,
        @Schema(example = "Surat keterangan bagi pelaku usaha mikro di desa.", nullable = true) @Size(max = 4000) String description,
        @Schema(description = "An active OPD of the kabupaten", example = "1001") @NotNull Long defaultOpdId,
        @Schema(description = "Working days, 1 to 365", example = "3") @Min(1) @Max(365) int timeLimitDays,
        @Schema(description = "Rupiah", example = "0") @PositiveOrZero long fee,
        @Schema(example = "Surat Keterangan Usaha", nullable = true) @Size(max = 200) String product,
        @Schema(description = "Default true", example = "true", nullable = true) Boolean open,
        @Schema(description = "Required documents; codes distinct") @Size(max = 50) List<@Valid @NotNull DocumentDefinition> documents,
        @Schema(description = "Form fields; keys distinct") @Size(max = 100) List<@Valid @NotNull FieldDefinition> fields) {
}
