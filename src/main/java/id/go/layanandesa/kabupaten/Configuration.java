package id.go.layanandesa.kabupaten;

import id.go.layanandesa.catalog.DocumentDefinition;
import id.go.layanandesa.catalog.FieldDefinition;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.opd.OpdKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * A kabupaten's whole configuration as one document: its OPDs, its catalog (the current definition of every service),
 * its routing rules and its holidays. Everything refers to everything else by code (OPD codes, service codes, region
 * codes), never by a database id, so that the document moves between installations: exported here, it applies to a
 * fresh installation, whose export is the same document.
 */
@Schema(name = "KabupatenConfiguration", description = "A kabupaten's OPDs, catalog, routing rules and holidays, by code")
public record Configuration(
        @Schema(description = "The version of this format; 1", example = "1") @NotNull @Min(1) @Max(1) Integer formatVersion,
        @Schema(description = "The kabupaten it configures", example = "73.24") @NotBlank String kabupaten,
        @Schema(description = "Every OPD, by code; exactly one is the triage OPD") @NotNull @Size(max = 1000) List<@Valid @NotNull Opd> opds,
        @Schema(description = "Every service of the catalog, by code, as it is defined now") @NotNull @Size(max = 1000)
        List<@Valid @NotNull Service> catalog,
        @Schema(description = "Every routing rule; one per service (or every service) and area") @NotNull @Size(max = 10000)
        List<@Valid @NotNull Rule> routingRules,
        @Schema(description = "Every holiday and joint leave day, of every year") @NotNull @Size(max = 1000)
        List<@Valid @NotNull Holiday> holidays) {

    public static final int FORMAT = 1;

    @Schema(name = "ConfigurationOpd", description = "An OPD of the kabupaten")
    public record Opd(
            @Schema(example = "DISDUKCAPIL") @NotBlank @Pattern(regexp = "[A-Z0-9_]{1,40}", message = "must be 1-40 of A-Z, 0-9 and _") String code,
            @Schema(example = "Dinas Kependudukan dan Pencatatan Sipil") @NotBlank @Size(max = 200) String name,
            @Schema(example = "DINAS") @NotNull OpdKind kind,
            @MayBeAbsent @Schema(description = "The kecamatan or desa it serves; absent when kabupaten-wide", example = "73.24.04") String regionCode,
            @MayBeAbsent @Schema(example = "disdukcapil@luwutimurkab.go.id") @Email @Size(max = 200) String email,
            @MayBeAbsent @Schema(example = "+6247321234") @Pattern(regexp = "\\+?[0-9 -]{5,20}", message = "must be a phone number") String phone,
            @MayBeAbsent @Schema(example = "Kompleks Perkantoran Puncak Indah, Malili") @Size(max = 500) String address,
            @Schema(description = "Inactive OPDs receive no new requests; true when left out", example = "true") Boolean active,
            @Schema(description = "Receives what no rule routes; false when left out", example = "false") Boolean triage) {
    }

    @Schema(name = "ConfigurationService", description = "A service of the catalog as it is defined now")
    public record Service(
            @Schema(example = "AKTA_KELAHIRAN") @NotBlank @Pattern(regexp = "[A-Z0-9_]{1,40}", message = "must be 1-40 of A-Z, 0-9 and _") String code,
            @Schema(example = "Penerbitan Akta Kelahiran") @NotBlank @Size(max = 200) String name,
            @MayBeAbsent @Schema(example = "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran.") @Size(max = 4000) String description,
            @Schema(description = "Code of the OPD of the document that handles it unless a rule says otherwise", example = "DISDUKCAPIL")
            @NotBlank String defaultOpd,
            @Schema(description = "Working days, 1 to 365", example = "5") @NotNull @Min(1) @Max(365) Integer timeLimitDays,
            @Schema(description = "Rupiah; 0 when left out", example = "0") @PositiveOrZero Long fee,
            @MayBeAbsent @Schema(example = "Kutipan Akta Kelahiran") @Size(max = 200) String product,
            @Schema(description = "Open for filing; true when left out", example = "true") Boolean open,
            @Schema(description = "Required documents; codes distinct") @NotNull @Size(max = 50) List<@Valid @NotNull DocumentDefinition> documents,
            @Schema(description = "Form fields; keys distinct") @NotNull @Size(max = 100) List<@Valid @NotNull FieldDefinition> fields) {
    }

    @Schema(name = "ConfigurationRule", description = "A routing rule: a service (or every service) from an area goes to an OPD, "
            + "or (relative) to the OPD of a kind that serves the desa")
    public record Rule(
            @MayBeAbsent @Schema(description = "Code of a service of the document; absent: every service", example = "LEGALISASI")
            String service,
            @Schema(description = "The kabupaten itself, one of its kecamatan or one of its desa", example = "73.24") @NotBlank String area,
            @MayBeAbsent @Schema(description = "Code of an OPD of the document; or give opdKind", example = "CAMAT_MALILI") String opd,
            @MayBeAbsent @Schema(description = "For a relative rule: the active OPD of this kind whose area contains the desa", example = "KECAMATAN")
            OpdKind opdKind,
            @MayBeAbsent @Schema(description = "For a relative rule: only OPDs of the kind whose code starts with this", example = "PKM_")
            @Pattern(regexp = "[A-Z0-9_]{1,40}", message = "must be 1-40 of A-Z, 0-9 and _") String opdCodePrefix,
            @MayBeAbsent @Schema(example = "Legalisasi ditandatangani camat kecamatan desa") @Size(max = 500) String note) {
    }

    @Schema(name = "ConfigurationHoliday", description = "A holiday or joint leave day")
    public record Holiday(
            @Schema(description = "ISO date", example = "2026-12-25") @NotNull LocalDate date,
            @Schema(example = "Hari Raya Natal") @NotBlank @Size(max = 200) String name) {
    }
}
