package id.go.layanandesa.request;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the filer says of one required document. */
@Schema(name = "DocumentDeclaration")
public record DocumentDeclaration(
        @Schema(description = "Code of a document of the service", example = "SURAT_PENGANTAR_RT") @NotBlank @Size(max = 40) String code,
        @Schema(description = "ATTACHED: sent later as a file; ON_PAPER: the citizen brings it; NOT_APPLICABLE: only for optional documents",
                example = "ON_PAPER") @NotNull Provision provision) {

    public enum Provision {
        ATTACHED, ON_PAPER, NOT_APPLICABLE
    }
}
