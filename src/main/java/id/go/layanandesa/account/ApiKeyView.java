package id.go.layanandesa.account;

import id.go.layanandesa.common.openapi.MayBeAbsent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An API key as lists show it: never the secret. */
@Schema(name = "ApiKey", description = "An OPD system's API key, without its secret")
public record ApiKeyView(
        @Schema(example = "51") Long id,
        @Schema(description = "Which system uses it", example = "SIAK") String name,
        @Schema(example = "1051") Long opdId,
        @Schema(description = "The first characters of the key, to tell keys apart", example = "ldk_Qm3xV8aZ") String prefix,
        @MayBeAbsent @Schema(description = "The admin account that created it", example = "1001") Long createdBy,
        @Schema(example = "2026-03-02T08:00:00Z") Instant createdAt,
        @MayBeAbsent @Schema(description = "Last use, to the minute", example = "2026-03-02T09:41:00Z") Instant lastUsedAt,
        @MayBeAbsent @Schema(description = "Set once revoked; a revoked key authenticates nothing") Instant revokedAt) {

    static ApiKeyView of(ApiKey k) {
        return new ApiKeyView(k.id, k.name, k.opdId, k.prefix, k.createdBy, k.createdAt, k.lastUsedAt, k.revokedAt);
    }
}
