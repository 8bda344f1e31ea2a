package id.go.layanandesa.catalog;

import id.go.layanandesa.common.openapi.MayBeAbsent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * A form field the filer answers. Limits: for TEXT/LONG_TEXT {@code minLength}/{@code maxLength}; for
 * NUMBER {@code min}/{@code max}; for DATE {@code minDate}/{@code maxDate} (ISO dates) and {@code notAfterToday} for
 * dates of past events (a birth, a death, a flood), checked against "today" in the kabupaten's zone; for choices,
 * {@code options} are the allowed values and, for MULTI_CHOICE, min/max count how many may be picked.
 */
@Schema(name = "FieldDefinition", description = "A typed form field of a service")
public record FieldDefinition(
        @Schema(example = "nama_bayi") @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}", message = "must be 1-40 of a-z, 0-9 and _, starting with a letter") String key,
        @Schema(example = "Nama bayi") @NotBlank @Size(max = 200) String label,
        @Schema(example = "TEXT") @NotNull FieldType type,
        @Schema(example = "true") boolean required,
        @MayBeAbsent @Schema(description = "Allowed values of SINGLE_CHOICE and MULTI_CHOICE fields", example = "[\"LAKI_LAKI\", \"PEREMPUAN\"]") List<@NotBlank @Size(max = 100) String> options,
        @MayBeAbsent @Schema(description = "Least text length", example = "1") Integer minLength,
        @MayBeAbsent @Schema(description = "Greatest text length", example = "100") Integer maxLength,
        @MayBeAbsent @Schema(description = "Least number, or least picks of a MULTI_CHOICE") BigDecimal min,
        @MayBeAbsent @Schema(description = "Greatest number, or most picks of a MULTI_CHOICE") BigDecimal max,
        @MayBeAbsent @Schema(description = "Earliest date", example = "1900-01-01") String minDate,
        @MayBeAbsent @Schema(description = "Latest date", example = "2100-12-31") String maxDate,
        @Schema(description = "For DATE fields of a past event (a birth, a death, a disaster): the answer may not be after "
                + "today in the kabupaten's zone; checked when filing and when supplying information", example = "true")
        boolean notAfterToday,
        @Schema(description = "Display order, ascending", example = "1") int order,
        @MayBeAbsent @Schema(description = "Help text shown under the field") @Size(max = 500) String hint) {
}
