package id.go.layanandesa.catalog;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One kept definition of a catalog entry. */
@Schema(name = "ServiceTypeVersion", description = "A catalog entry's definition as it stood at one version")
public record ServiceTypeVersionView(
        @Schema(example = "1051") long serviceTypeId,
        @Schema(example = "1") int version,
        @Schema(description = "When this version was written", example = "2026-11-02T01:30:00Z") Instant createdAt,
        @Schema(description = "The definition filers saw") ServiceTypeSnapshot definition) {
}
