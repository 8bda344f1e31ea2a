package id.go.layanandesa.catalog;

import id.go.layanandesa.common.http.Versioned;
import id.go.layanandesa.common.openapi.MayBeAbsent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A catalog entry on the wire; its version is its ETag. */
@Schema(name = "ServiceType", description = "A service of the kabupaten's catalog (standar pelayanan)")
public record ServiceTypeView(
        @Schema(example = "1051") long id,
        @Schema(example = "73.24") String kabupatenCode,
        @Schema(description = "Unique in the kabupaten; never changes", example = "AKTA_KELAHIRAN") String code,
        @Schema(example = "Penerbitan Akta Kelahiran") String name,
        @MayBeAbsent @Schema(example = "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran.") String description,
        @Schema(description = "The OPD that handles it unless a routing rule says otherwise", example = "1001") long defaultOpdId,
        @Schema(description = "Time limit (jangka waktu) in working days", example = "5") int timeLimitDays,
        @Schema(description = "Fee (biaya) in rupiah; civil registration is free", example = "0") long fee,
        @MayBeAbsent @Schema(example = "Kutipan Akta Kelahiran") String product,
        @Schema(description = "Open for filing", example = "true") boolean open,
        List<DocumentDefinition> documents,
        List<FieldDefinition> fields,
        @Schema(description = "Counts definitions; also the ETag. Requests keep the version they were filed under", example = "1") int version,
        @Schema(example = "2026-11-02T01:30:00Z") Instant createdAt,
        @Schema(example = "2026-11-02T01:30:00Z") Instant updatedAt) implements Versioned {

    static ServiceTypeView of(ServiceType t) {
        return new ServiceTypeView(t.id, t.kabupatenCode, t.code, t.name, t.description, t.defaultOpdId, t.timeLimitDays, t.fee,
                t.product, t.open, List.copyOf(t.documents), List.copyOf(t.fields), t.version, t.createdAt, t.updatedAt);
    }
}
