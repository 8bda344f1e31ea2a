package id.go.layanandesa.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of the audit trail: who did what, when, from where, to which thing, concerning which requests' personal
 * data. It names things by id and holds no personal data of citizens.
 */
public record AuditRecord(Instant at, Who who, Where where, String action, String targetType, String targetId, List<Long> requestIds,
                          Map<String, Object> detail) {

    public AuditRecord {
        requestIds = requestIds == null ? List.of() : List.copyOf(requestIds);
        detail = detail == null ? Map.of() : detail;
    }

    /** Who acted. */
    public enum ActorKind {
        /** A person logged in here. */
        SESSION,
        /** A person with a token of an external identity provider. */
        EXTERNAL,
        /** An OPD system with an API key. */
        API_KEY,
        /** A job of the service itself (the retention job). */
        SYSTEM,
        /** A command run on the server (a backup). */
        COMMAND
    }

    /**
     * @param kabupatenCode the kabupaten whose data it concerns; null for the installation's own
     * @param principal     {@code account:12}, {@code key:7}, {@code sub:<hash>}, {@code system:retention}, {@code command:backup}
     * @param name          the name the credential gives (a username, an API key's account name), if any
     */
    public record Who(ActorKind kind, String principal, String name, String role, String kabupatenCode) {

        public static Who system(String job, String kabupatenCode) {
            return new Who(ActorKind.SYSTEM, "system:" + job, null, null, kabupatenCode);
        }

        public static Who command(String command) {
            return new Who(ActorKind.COMMAND, "command:" + command, null, null, null);
        }
    }

    /**
     * Where a call came from.
     *
     * @param requestId       the service's own id of the HTTP request, in every log line of it
     * @param clientRequestId the client's X-Request-Id, when it sent one
     */
    public record Where(String clientAddress, String requestId, String clientRequestId) {

        /** A job or command: no HTTP request. */
        public static final Where NOWHERE = new Where(null, null, null);
    }
}
