package id.go.layanandesa.opd;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole changeable state of an OPD (its code and kabupaten never change). */
@Schema(name = "OpdUpdate")
public record OpdUpdate(
        @Schema(example = "UPT Puskesmas Wotu") @NotBlank @Size(max = 200) String name,
        @Schema(example = "UPT") @NotNull OpdKind kind,
        @Schema(example = "73.24.06", nullable = true) String regionCode,
        @Schema(example = "pkm.wotu@luwutimurkab.go.id", nullable = true) @Email @Size(max = 200) String email,
        @Schema(example = "+6247321234", nullable = true) @Pattern(regexp = "\\+?[0-9 -]{5,20}", message = "must be a phone number") String phone,
        @Schema(example = "Jl. Poros Wotu", nullable = true) @Size(max = 500) String address,
        @Schema(example = "true") @NotNull Boolean active,
        @Schema(description = "Setting it moves the flag here from the current triage OPD; clearing it on the triage OPD is refused",
                example = "false") boolean triage) {
}
