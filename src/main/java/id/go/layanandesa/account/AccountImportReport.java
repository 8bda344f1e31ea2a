package id.go.layanandesa.account;

import id.go.layanandesa.common.openapi.MayBeAbsent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What an upload of accounts did, line by line, with the one-time activation secrets of those it created. */
@Schema(name = "AccountImportReport", description = "What a CSV of accounts did, line by line. The activation secrets "
        + "appear only in this answer (and in its replay under the same Idempotency-Key): print or hand them out now")
public record AccountImportReport(
        @Schema(description = "Accounts created", example = "2") int created,
        @Schema(description = "Lines that name an account that exists already as the line describes it", example = "1") int unchanged,
        @Schema(description = "Lines not imported, each with its reason", example = "1") int rejected,
        @Schema(description = "Every data line, in the order of the file") List<Line> lines,
        @Schema(description = "The created accounts with their activation secrets, as CSV to print (username, display name, "
                + "role, desa or OPD, activation secret); only the header when none was created",
                example = "username,displayName,role,scope,activationSecret\\r\\n7324.desa.laskap,Operator Desa Laskap,DESA_OFFICER,"
                        + "73.24.04.2002,k7Rm2pXq9wTz4nLb\\r\\n") String activationSheet) {

    @Schema(name = "AccountImportOutcome")
    public enum Outcome { CREATED, UNCHANGED, REJECTED }

    @Schema(name = "AccountImportLine", description = "What one line of the file did")
    public record Line(
            @Schema(description = "Line number in the file, the header being line 1", example = "2") int line,
            @MayBeAbsent @Schema(description = "The username as stored, with the kabupaten's prefix", example = "7324.desa.laskap") String username,
            @Schema(example = "CREATED") Outcome outcome,
            @MayBeAbsent @Schema(description = "Why a line was rejected", example = "INVALID_SCOPE", enumeration = {"MALFORMED_LINE",
                    "INVALID_USERNAME", "MISSING_DISPLAY_NAME", "INVALID_TEXT", "INVALID_ROLE", "INVALID_SCOPE", "DUPLICATE_IN_FILE",
                    "USERNAME_TAKEN"}) String reason,
            @MayBeAbsent @Schema(description = "What is wrong, in words", example = "desa 73.22.01.2001 is not a desa of kabupaten 73.24")
            String message,
            @MayBeAbsent @Schema(description = "The account created or found", example = "1051") Long accountId,
            @MayBeAbsent @Schema(description = "For a created account: the secret it logs in with once, to set its own password",
                    example = "k7Rm2pXq9wTz4nLb") String activationSecret) {
    }
}
