package id.go.layanandesa.audit;

import id.go.layanandesa.common.openapi.MayBeAbsent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The audit trail on the wire. */
public final class AuditViews {

    private AuditViews() {
    }

    @Schema(name = "AuditEntry", description = "Who did what, when and from where; it names things by id and never holds "
            + "citizens' personal data")
    public record Entry(
            @Schema(example = "5012") long id,
            @Schema(description = "When it happened", example = "2026-11-30T02:15:00.123456Z") Instant at,
            @MayBeAbsent @Schema(description = "The kabupaten whose data it concerns; absent for the installation's own "
                    + "(a backup taken)", example = "73.24") String kabupatenCode,
            Actor actor,
            @Schema(description = "The API operation (its operationId), or what a job or command did", example = "updateOpd")
            String action,
            @MayBeAbsent Target target,
            @Schema(description = "Every request whose personal data it concerns: read, listed, claimed, exported or purged; "
                    + "empty for other changes", example = "[1001]") List<Long> requestIds,
            @MayBeAbsent @Schema(description = "The caller's address, as the service determines it behind trusted proxies",
                    example = "203.0.113.7") String clientAddress,
            @MayBeAbsent @Schema(description = "The service's own id of the HTTP request: the first id in its log lines",
                    example = "5f2c9a1e7b3d4c10") String requestId,
            @MayBeAbsent @Schema(description = "The client's X-Request-Id, when it sent one", example = "harapan-sync-17")
            String clientRequestId,
            @Schema(description = "What else explains it: the names of the fields a change sent (never their values), counts, "
                    + "periods", example = "{\"fields\": [\"name\", \"active\"]}") Map<String, Object> detail) {
    }

    @Schema(name = "AuditActor", description = "Who acted")
    public record Actor(
            @Schema(description = "SESSION (logged in here), EXTERNAL (an identity provider's token), API_KEY, SYSTEM (a job of "
                    + "the service), COMMAND (a command run on the server)", example = "SESSION") AuditRecord.ActorKind kind,
            @Schema(description = "A stable key: account:<id>, key:<id>, sub:<hash>, system:<job>, command:<name>",
                    example = "account:1001") String principal,
            @MayBeAbsent @Schema(description = "The name the credential gives", example = "admin") String name,
            @MayBeAbsent @Schema(description = "The role it acted in", example = "ADMIN") String role) {
    }

    @Schema(name = "AuditTarget", description = "What was acted on")
    public record Target(
            @Schema(description = "ACCOUNT, API_KEY, OPD, SERVICE_TYPE, ROUTING_RULE, HOLIDAY, REGIONS, REQUEST, CITIZEN, "
                    + "RETENTION_POLICY, ...", example = "OPD") String type,
            @MayBeAbsent @Schema(description = "Its id", example = "1051") String id) {
    }

    @Schema(name = "AuditPage", description = "One page of the audit trail, newest first; pass next as cursor for the following page")
    public record Page(List<Entry> items,
                       @MayBeAbsent @Schema(description = "Send it as `cursor` for the following page; absent on the last page",
                               example = "MTc2NDQ2ODkwMDEyMzQ1Njo1MDEy") String next) {
    }
}
