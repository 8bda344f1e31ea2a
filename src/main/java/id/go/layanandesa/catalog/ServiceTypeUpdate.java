package id.go.layanandesa.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The whole new definition of a catalog entry (its code never changes); it becomes the next version. */
@Schema(name = "ServiceTypeUpdate")
public record ServiceTypeUpdate(
        @Schema(example = "Surat Keterangan Usaha") @NotBlank @Size(max = 200) String name,
        @Schema(example = "Surat keterangan bagi pelaku usaha mikro di desa.", nullable = true) @Size(max = 4000) String description,
        @Schema(description = "An active OPD of the kabupaten", example = "1001") @NotNull Long defaultOpdId,
        @Schema(description = "Working days, 1 to 365", example = "3") @NotNull @Min(1) @Max(365) Integer timeLimitDays,
        @Schema(description = "Rupiah", example = "0") @PositiveOrZero long fee,
        @Schema(example = "Surat Keterangan Usaha", nullable = true) @Size(max = 200) String product,
        @Schema(description = "Open for filing; closing is how a service with requests is retired", example = "true") @NotNull Boolean open,
        @Schema(description = "Required documents; codes distinct") @Size(max = 50) List<@Valid @NotNull DocumentDefinition> documents,
        @Schema(description = "Form fields; keys distinct") @Size(max = 100) List<@Valid @NotNull FieldDefinition> fields) {
}
