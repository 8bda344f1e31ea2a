package id.go.layanandesa.common.error;

/**
 * The closed list of problem codes the service answers with. Each code belongs to one HTTP status; an
 * operation declares the codes it can answer (see {@code common.openapi.ProblemCodes}), and the spec lists
 * them per response. A code that is not here cannot be thrown.
 */
public enum ProblemCode {

    VALIDATION_FAILED(400, "A field, parameter or header is invalid; `violations` names each one"),
    MALFORMED_JSON(400, "The body is not valid JSON"),
    INVALID_PARAMETER(400, "A path or query parameter cannot be read as its type"),
    EMPTY_BODY(400, "The body is empty"),
    BAD_REQUEST(400, "The request cannot be read"),
    UNAUTHENTICATED(401, "Missing, expired or invalid credentials"),
    INVALID_CREDENTIALS(401, "Wrong username or password, or the account is disabled or locked"),
    FORBIDDEN(403, "The caller's role or credentials may not do this"),
    PASSWORD_CHANGE_REQUIRED(403, "The account's password was set by someone else: it may do nothing but set its own (POST /api/v1/me/password)"),
    NOT_FOUND(404, "No such resource in the caller's scope"),
    METHOD_NOT_ALLOWED(405, "The path does not take this method; `Allow` lists those it takes"),
    NOT_ACCEPTABLE(406, "The operation cannot answer in a type the Accept header allows"),
    INVALID_TRANSITION(409, "The request's status does not allow this action; `currentStatus` and `allowed` say what does"),
    NOT_IN_YOUR_QUEUE(409, "The request is in another OPD's queue now"),
    LEASE_HELD_BY_ANOTHER(409, "Another consumer's claim holds the request"),
    LEASE_EXPIRED(409, "The caller's claim on the request ran out"),
    IDEMPOTENCY_IN_FLIGHT(409, "A call with the same Idempotency-Key is still running"),
    IDEMPOTENCY_KEY_UNREADABLE(409, "The first answer under this Idempotency-Key cannot be read any more (the installation's key changed)"),
    DUPLICATE_CODE(409, "The code is taken in the kabupaten"),
    DUPLICATE_RULE(409, "A routing rule for the same service and area exists"),
    DUPLICATE_HOLIDAY(409, "The date already is a holiday"),
    USERNAME_TAKEN(409, "The username is taken"),
    ALREADY_ONBOARDED(409, "The kabupaten is onboarded already; apply a configuration document to change it"),
    OWN_ACCOUNT(409, "An admin cannot do this to their own account"),
    NO_LOCAL_SESSION(409, "The caller signed in with an external identity provider: there is no session here to end"),
    SERVICE_TYPE_IN_USE(409, "Requests were filed under the service type"),
    OPD_IN_USE(409, "Something refers to the OPD"),
    TRIAGE_REQUIRED(409, "The kabupaten would be left without an active triage OPD"),
    TRIAGE_CONFLICT(409, "Another OPD was made the triage OPD meanwhile"),
    NO_TRIAGE_OPD(409, "Nothing routes the request and the kabupaten has no active triage OPD"),
    DELIVERY_PENDING(409, "The webhook delivery is still pending; it is tried again by itself"),
    SURVEY_NOT_OPEN(409, "The survey opens when the request is completed or rejected"),
    SURVEY_ALREADY_ANSWERED(409, "The request's survey was answered already"),
    DOCUMENT_NOT_ATTACHED(409, "The request declares the document as brought on paper or not applicable, not as ATTACHED"),
    TOO_MANY_FILES(409, "The request holds as many files as one request may (`layanan.documents.max-files-per-request`)"),
    UPLOAD_OFFSET_MISMATCH(409, "Upload-Offset is not where the upload stands; ask with HEAD and go on from there"),
    STALE_VERSION(412, "The resource changed since the version in If-Match"),
    PAYLOAD_TOO_LARGE(413, "The body is larger than the service accepts"),
    URI_TOO_LONG(414, "The path and query are longer than the service accepts"),
    UNSUPPORTED_MEDIA_TYPE(415, "The operation does not take a body of this Content-Type"),
    FILE_EMPTY(415, "The file is empty"),
    FILE_TYPE_NOT_ACCEPTED(415, "By its content the file is none of the types the operation takes (PDF, JPEG, PNG; a result document: PDF)"),
    FILE_TYPE_MISMATCH(415, "The declared type or the name's extension says another type than the file's content"),
    RANGE_NOT_SATISFIABLE(416, "The Range lies outside the file; `Content-Range` gives its length"),
    IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was used for a different call"),
    IF_MATCH_REQUIRED(428, "If-Match with the resource's ETag is required"),
    RATE_LIMITED(429, "Too many requests; `Retry-After` says when to try again"),
    HEADERS_TOO_LARGE(431, "The request's headers are larger than the service accepts"),
    INTERNAL_ERROR(500, "Unexpected failure; quote the request id when reporting it"),
    LOGIN_BUSY(503, "Too many logins are being checked at once; `Retry-After` says when to try again"),
    SERVICE_UNAVAILABLE(503, "The database is away for a moment; `Retry-After` says when to try again");

    private final int status;
    private final String meaning;

    ProblemCode(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    public int status() {
        return status;
    }

    /** What the code means, for the spec. */
    public String meaning() {
        return meaning;
    }

    /** The code of this name; an unknown name is a programming error. */
    public static ProblemCode of(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("problem code " + name + " is not in the closed list of ProblemCode", e);
        }
    }

    /** The URI reference naming this kind of problem. */
    public String type() {
        return "urn:layanan-desa:problem:" + name().toLowerCase().replace('_', '-');
    }
}
