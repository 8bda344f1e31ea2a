package id.go.layanandesa.opd;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new OPD; its kabupaten is the caller's. */
@Schema(name = "OpdCreate")
public record OpdCreate(
        @Schema(example = "PKM_WOTU") @NotBlank @Pattern(regexp = "[A-Z0-9_]{1,40}", message = "must be 1-40 of A-Z, 0-9 and _") String code,
        @Schema(example = "UPT Puskesmas Wotu") @NotBlank @Size(max = 200) String name,
        @Schema(example = "UPT") @NotNull OpdKind kind,
        @Schema(description = "A kecamatan or desa of the kabupaten that it serves; null when kabupaten-wide", example = "73.24.06",
                nullable = true) String regionCode,
        @Schema(example = "pkm.wotu@luwutimurkab.go.id", nullable = true) @Email @Size(max = 200) String email,
        @Schema(example = "+6247321234", nullable = true) @Pattern(regexp = "\\+?[0-9 -]{5,20}", message = "must be a phone number") String phone,
        @Schema(example = "Jl. Poros Wotu", nullable = true) @Size(max = 500) String address,
        @Schema(description = "Default true", example = "true", nullable = true) Boolean active,
        @Schema(description = "Make it the triage OPD, taking the flag from the current one", example = "false") boolean triage) {
}
