package id.go.layanandesa.account;

import id.go.layanandesa.common.http.Versioned;
import id.go.layanandesa.common.openapi.MayBeAbsent;

import id.go.layanandesa.common.security.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An account as admins and the login see it; never the password hash. Its version is its ETag. */
@Schema(name = "Account", description = "An account of a person")
public record AccountView(
        @Schema(example = "1001") Long id,
        @Schema(example = "desa.harapan") String username,
        @Schema(example = "Operator Desa Harapan") String displayName,
        @Schema(example = "DESA_OFFICER") Role role,
        @MayBeAbsent @Schema(description = "The account's kabupaten; absent for an OPERATOR, which belongs to none", example = "73.24") String kabupatenCode,
        @MayBeAbsent @Schema(description = "The desa of a desa officer", example = "73.24.04.2001") String desaCode,
        @MayBeAbsent @Schema(description = "The OPD of an OPD officer", example = "1051") Long opdId,
        @Schema(example = "true") boolean enabled,
        @Schema(description = "The password was set by someone else (an admin, an operator, a one-time activation secret): "
                + "the account may do nothing but set its own with POST /api/v1/me/password", example = "false") boolean passwordChangeRequired,
        @Schema(description = "Failed logins since the last success, from any address; each address that keeps failing "
                + "waits longer before its next try (unlock lifts the waits)", example = "0") int failedLogins,
        @Schema(description = "Changes with every change; also the ETag", example = "0") int version,
        @Schema(example = "2026-03-02T08:00:00Z") Instant createdAt,
        @Schema(example = "2026-03-02T08:00:00Z") Instant updatedAt) implements Versioned {

    public static AccountView of(Account a) {
        return new AccountView(a.id, a.username, a.displayName, a.role, a.kabupatenCode, a.desaCode, a.opdId, a.enabled,
                a.passwordChangeRequired, a.failedLogins, a.version, a.createdAt, a.updatedAt);
    }
}
