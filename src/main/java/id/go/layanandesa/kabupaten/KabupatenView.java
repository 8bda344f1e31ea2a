package id.go.layanandesa.kabupaten;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Kabupaten", description = "A kabupaten in service on this installation")
public record KabupatenView(
        @Schema(example = "73.24") String code,
        @Schema(description = "As the region list names it", example = "Kabupaten Luwu Timur") String name,
        @Schema(example = "2026-03-02T08:00:00Z") Instant onboardedAt,
        @Schema(description = "Its enabled ADMIN accounts", example = "2") long admins,
        @Schema(description = "The prefix of its accounts' usernames", example = "7324.") String usernamePrefix) {
}
