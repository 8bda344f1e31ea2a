package id.go.layanandesa.common.error;

import java.util.List;
import java.util.Map;

/** A failure the client can act on; mapped to a problem+json response. Its code is one of {@link ProblemCode}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final ProblemCode code;
    private final String title;
    private final List<Problem.Violation> violations;
    private final String currentStatus;
    private final List<String> allowed;
    private final Map<String, String> headers;

    public ProblemException(int status, String code, String title, String detail, List<Problem.Violation> violations,
                            String currentStatus, List<String> allowed, Map<String, String> headers) {
        this(status, ProblemCode.of(code), title, detail, violations, currentStatus, allowed, headers);
    }

    public ProblemException(int status, ProblemCode code, String title, String detail, List<Problem.Violation> violations,
                            String currentStatus, List<String> allowed, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.violations = violations;
        this.currentStatus = currentStatus;
        this.allowed = allowed;
        this.headers = headers == null ? Map.of() : headers;
    }

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, null, null, null, null);
    }

    public ProblemException(ProblemCode code, String title, String detail) {
        this(code.status(), code, title, detail, null, null, null, null);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "NOT_FOUND", "Not found", what + " was not found");
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, "Bad request", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.Violation(field, message)));
    }

    public static ProblemException invalid(List<Problem.Violation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return new ProblemException(400, "VALIDATION_FAILED", "Validation failed", detail, violations, null, null, null);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, "Conflict", detail);
    }

    public static ProblemException invalidTransition(String action, String currentStatus, List<String> allowed) {
        return new ProblemException(409, "INVALID_TRANSITION", "Invalid transition",
                "cannot " + action + " a request that is " + currentStatus, null, currentStatus, allowed, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "FORBIDDEN", "Forbidden", detail);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "STALE_VERSION", "Precondition failed", detail);
    }

    public static ProblemException preconditionRequired() {
        return new ProblemException(428, "IF_MATCH_REQUIRED", "Precondition required",
                "send the resource's ETag in If-Match to change it");
    }

    public static ProblemException unprocessable(String code, String detail) {
        return new ProblemException(422, code, "Unprocessable content", detail);
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        return new ProblemException(429, "RATE_LIMITED", "Too many requests",
                "too many requests from this address; retry after " + retryAfterSeconds + " s",
                null, null, null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code.name();
    }

    public ProblemCode problemCode() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public String currentStatus() {
        return currentStatus;
    }

    public List<String> allowed() {
        return allowed;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
