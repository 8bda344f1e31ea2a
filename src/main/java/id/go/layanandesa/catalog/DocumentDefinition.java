package id.go.layanandesa.catalog;

import id.go.layanandesa.common.openapi.MayBeAbsent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A required document (persyaratan) of a service. A document is required always ({@code mandatory}), or only when an
 * answer says so ({@code requiredWhen}: a lost KTP needs the police letter, a damaged one does not), or not at all.
 * A required document may have {@code alternatives}: other documents of the service any one of which satisfies the
 * requirement instead (an SPTJM instead of the birth letter).
 */
@Schema(name = "DocumentDefinition", description = "A document the filer attaches or brings on paper")
public record DocumentDefinition(
        @Schema(example = "SURAT_KETERANGAN_LAHIR") @NotBlank @Pattern(regexp = "[A-Z0-9_]{1,40}", message = "must be 1-40 of A-Z, 0-9 and _") String code,
        @Schema(example = "Surat keterangan lahir dari bidan, dokter atau rumah sakit") @NotBlank @Size(max = 200) String name,
        @Schema(description = "Whether the request cannot be filed without it (or one of its alternatives)", example = "true") boolean mandatory,
        @MayBeAbsent @Valid @Schema(description = "For a document that is not mandatory: it is required when this answer is given")
        Condition requiredWhen,
        @MayBeAbsent @Size(max = 10) @Schema(description = "For a required document: codes of other documents of the service, any one "
                + "of which satisfies the requirement instead", example = "[\"SPTJM_KELAHIRAN\"]")
        List<@NotBlank @Pattern(regexp = "[A-Z0-9_]{1,40}", message = "must be 1-40 of A-Z, 0-9 and _") String> alternatives) {

    /** No alternatives is absent, so that definitions compare and show alike however they were written. */
    public DocumentDefinition {
        alternatives = alternatives == null || alternatives.isEmpty() ? null : List.copyOf(alternatives);
    }

    /** A document that is required always, or never. */
    public DocumentDefinition(String code, String name, boolean mandatory) {
        this(code, name, mandatory, null, null);
    }

    /** The alternatives, empty when there are none. */
    public List<String> alternativesOrNone() {
        return alternatives == null ? List.of() : alternatives;
    }

    @Schema(name = "DocumentCondition", description = "An answer that makes a document required: the field's answer is one of "
            + "the values (for a MULTI_CHOICE, one of them is picked; for a BOOLEAN, the values are true or false)")
    public record Condition(
            @Schema(description = "Key of a SINGLE_CHOICE, MULTI_CHOICE or BOOLEAN field of the service", example = "alasan")
            @NotBlank String field,
            @Schema(description = "The answers that make the document required", example = "[\"HILANG\"]")
            @NotNull @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 100) String> values) {

        /** Whether these answers make the document required. */
        public boolean holds(java.util.Map<String, Object> answers) {
            Object answer = answers == null ? null : answers.get(field);
            if (answer instanceof String s) {
                return values.contains(s);
            }
            if (answer instanceof Boolean b) {
                return values.contains(b.toString());
            }
            if (answer instanceof List<?> picked) {
                return picked.stream().anyMatch(p -> p instanceof String s && values.contains(s));
            }
            return false;
        }
    }
}
