package id.go.layanandesa.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A required document (persyaratan) of a service. */
@Schema(name = "DocumentDefinition", description = "A document the filer attaches or brings on paper")
public record DocumentDefinition(
        @Schema(example = "SURAT_PENGANTAR_RT") @NotBlank @Pattern(regexp = "[A-Z0-9_]{1,40}", message = "must be 1-40 of A-Z, 0-9 and _") String code,
        @Schema(example = "Surat pengantar RT/RW") @NotBlank @Size(max = 200) String name,
        @Schema(description = "Whether the request cannot be filed without it", example = "true") boolean mandatory) {
}
