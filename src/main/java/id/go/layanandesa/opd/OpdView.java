package id.go.layanandesa.opd;

import id.go.layanandesa.common.http.Versioned;
import id.go.layanandesa.common.openapi.MayBeAbsent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An OPD on the wire; its version is its ETag. */
@Schema(name = "Opd", description = "An agency (Organisasi Perangkat Daerah) of the caller's kabupaten")
public record OpdView(
        @Schema(example = "1001") long id,
        @Schema(example = "73.24") String kabupatenCode,
        @Schema(description = "Unique in the kabupaten; never changes", example = "PKM_MALILI") String code,
        @Schema(example = "UPT Puskesmas Malili") String name,
        @Schema(example = "UPT") OpdKind kind,
        @MayBeAbsent @Schema(description = "The kecamatan or desa it serves; absent when kabupaten-wide", example = "73.24.04") String regionCode,
        @MayBeAbsent @Schema(example = "pkm.malili@luwutimurkab.go.id") String email,
        @MayBeAbsent @Schema(example = "+6247321234") String phone,
        @MayBeAbsent @Schema(example = "Jl. Simpurusiang, Malili") String address,
        @Schema(description = "Inactive OPDs receive no new requests", example = "true") boolean active,
        @Schema(description = "Receives what no rule routes; exactly one active OPD of a kabupaten has it", example = "false") boolean triage,
        @Schema(description = "Also the ETag", example = "0") int version,
        @Schema(example = "2026-11-02T01:30:00Z") Instant createdAt,
        @Schema(example = "2026-11-02T01:30:00Z") Instant updatedAt) implements Versioned {

    static OpdView of(Opd o) {
        return new OpdView(o.id, o.kabupatenCode, o.code, o.name, o.kind, o.regionCode, o.email, o.phone, o.address, o.active,
                o.triage, o.version, o.createdAt, o.updatedAt);
    }
}
