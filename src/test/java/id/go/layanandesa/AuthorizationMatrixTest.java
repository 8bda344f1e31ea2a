package id.go.layanandesa;

import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.DatabaseFingerprint;
import id.go.layanandesa.support.MatrixFixtures;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestRateLimiter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static id.go.layanandesa.common.security.Role.*;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Who may call what. Every endpoint of the service is one line of {@link #ENDPOINTS}; every line is tried with
 * every caller of {@link Who}: no credentials, broken credentials, each role in the home scope, and each role from
 * another desa, OPD and kabupaten. The expected status follows from the line; on every refusal the whole database
 * must be unchanged ({@link DatabaseFingerprint}: row counts and an md5 of every row of every table).
 *
 * <h2>Adding an endpoint: one line</h2>
 * <pre>
 *   ep(METHOD, "/path/{placeholder}", BODY_OR_NULL, SUCCESS_STATUS, Scope.X, ROLES...)   // optionally .header(name, value)
 * </pre>
 * <ul>
 * <li><b>Placeholders</b> in path, body and headers are resolved for each case in the <em>home</em> scope
 *   (kabupaten 73.24, desa 73.24.04.2001, OPD TEST_AUTH_A of 73.24): {@code {kabupaten}}, {@code {desa}},
 *   {@code {opd}} (id of the home OPD), {@code {account}} (a fresh VIEWER account of the home kabupaten, version 0,
 *   so {@code If-Match: "0"} matches), {@code {apiKey}} (a fresh key of the home OPD), {@code {loginUser}} (an
 *   account whose password is {@link #LOGIN_PASSWORD}), {@code {unique}} (a string no other case uses),
 *   {@code {otherOpd}} (another active OPD of the home kabupaten), {@code {desaName}} (the home desa's name),
 *   {@code {serviceType}} (AKTA_KELAHIRAN of the home catalog), {@code {uniqueCode}} (a code of A-Z, 0-9 and _ no
 *   other case uses), {@code {uniqueDate}} (a date that is no holiday yet), {@code {freshOpd}} (a new OPD that nothing
 *   refers to, version 0), {@code {freshServiceType}} (a new service type defaulting to the home OPD, version 1),
 *   {@code {rule}} (a new routing rule), {@code {holidayDate}} (the date of a new holiday), {@code {request}} (a new
 *   SUBMITTED request of the home desa in the home OPD's queue, version 0), {@code {requestNeedsInfo}} (NEEDS_INFO,
 *   asked for by the home OPD), {@code {requestInProgress}} (IN_PROGRESS), {@code {claimedRequest}} (SUBMITTED, held
 *   under {@link MatrixFixtures#CLAIM_ID} for an hour), {@code {trackingCode}} (of a new request), {@code {requestCompleted}} (a new COMPLETED request),
 *   {@code {finishedTrackingCode}} (the tracking code of a new COMPLETED request), {@code {subscription}} (a new paused webhook subscription of the home OPD,
 *   version 0), {@code {deliveryPath}} ({@code <subscription>/deliveries/<delivery>}: a given-up delivery of such a
 *   subscription), {@code {templateStatus}} (a status whose citizen's message no kabupaten changed), {@code {retentionPolicyUnset}} (nothing,
 *   having removed the retention policies of the home and the other kabupaten, so that the default, version 0, holds); see
 *   {@link MatrixFixtures}. Add a resolver to {@link #PLACEHOLDERS} for a new kind of thing.</li>
 * <li><b>Body</b>: JSON text, or null for none; sent as JSON unless the line has a {@code Content-Type} header
 *   (e.g. {@code text/csv}).</li>
 * <li><b>Success status</b>: what an allowed caller in scope gets (200, 201, 204).</li>
 * <li><b>Roles</b>: the roles allowed; every other role gets 403. {@code PUBLIC} lines list none.</li>
 * <li><b>Scope</b>: what an allowed role of another desa, OPD or kabupaten gets (see {@link Scope}).</li>
 * </ul>
 * The callers are fixed; a new line is automatically tried with all of them.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final String LOGIN_PASSWORD = "Matrix2026login";
    static final String NO_BODY = null;
    /** The roles of a kabupaten: every role but OPERATOR, which runs the installation and belongs to none. */
    static final Role[] ALL_ROLES = {ADMIN, DESA_OFFICER, OPD_OFFICER, OPD_SYSTEM, VIEWER};
    /** Every role: reference data every kabupaten shares, the caller itself. */
    static final Role[] EVERY_ROLE = Role.values();
    /** What every configuration document of the matrix is, for the fresh kabupaten the operator onboards. */
    static final String SMALL_DOCUMENT = """
            {"formatVersion":1,"kabupaten":"{freshKabupaten}","opds":[{"code":"ORGANISASI","name":"M","kind":"BAGIAN","triage":true}],\
            "catalog":[],"routingRules":[],"holidays":[]}""";
    /** A valid birth-certificate filing of the home kabupaten's catalog. */
    static final String FILING = """
            {"serviceTypeId":{serviceType},"citizen":{"nik":"7324044107900001","name":"Siti Rahmawati","phone":"0812-3456-7890",\
            "address":"Dusun Harapan I"},"answers":{"nama_bayi":"Aminah","tanggal_lahir":"2026-11-20","jenis_kelamin":"PEREMPUAN",\
            "anak_ke":2,"tempat_lahir":"Malili","berat_lahir_gram":3100},"documents":[{"code":"SURAT_KETERANGAN_LAHIR",\
            "provision":"ON_PAPER"},{"code":"KK","provision":"ATTACHED"}],"note":"M"}""";

    /** A valid satisfaction survey answer. */
    static final String SURVEY = """
            {"scores":{"persyaratan":4,"prosedur":3,"waktu":3,"biaya":4,"produk":4,"kompetensi":3,"perilaku":4,"pengaduan":3,\
            "sarana":3},"comment":"M"}""";
    static final String BOUNDARY = "matrix-boundary-41x9";
    /** A multipart body with a (tiny) PDF in the part {@code file}. */
    static final String MULTIPART_PDF = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kk.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n%PDF-1.7\nmatrix-{unique}\n%%EOF\r\n--" + BOUNDARY + "--\r\n";

    /** One line per endpoint. Keep them grouped by feature. */
    static final List<Endpoint> ENDPOINTS = List.of(
            // public
            ep("POST", "/api/v1/auth/login", "{\"username\":\"{loginUser}\",\"password\":\"" + LOGIN_PASSWORD + "\"}", 200, Scope.PUBLIC),
            ep("GET", "/q/health/ready", NO_BODY, 200, Scope.PUBLIC),
            ep("GET", "/q/openapi", NO_BODY, 200, Scope.PUBLIC),
            ep("GET", "/q/health/live", NO_BODY, 200, Scope.PUBLIC),
            ep("GET", "/q/swagger-ui", NO_BODY, 200, Scope.PUBLIC),
            // auth
            ep("GET", "/api/v1/me", NO_BODY, 200, Scope.ANY, EVERY_ROLE),
            ep("POST", "/api/v1/auth/logout", NO_BODY, 204, Scope.ANY, OPERATOR, ADMIN, VIEWER, DESA_OFFICER, OPD_OFFICER),
            ep("POST", "/api/v1/me/password", "{\"currentPassword\":\"{ownPassword}\",\"newPassword\":\"Matrix2026-{unique}\"}", 204,
                    Scope.ANY, OPERATOR, ADMIN, VIEWER, DESA_OFFICER, OPD_OFFICER),
            // the installation: kabupaten in service, their admins and configuration
            ep("GET", "/api/v1/kabupaten", NO_BODY, 200, Scope.NATIONAL, OPERATOR),
            ep("POST", "/api/v1/kabupaten", SMALL_DOCUMENT, 201, Scope.NATIONAL, OPERATOR).idempotencyKey(),
            ep("GET", "/api/v1/kabupaten/{kabupaten}", NO_BODY, 200, Scope.NATIONAL, OPERATOR),
            ep("GET", "/api/v1/kabupaten/{kabupaten}/admins", NO_BODY, 200, Scope.NATIONAL, OPERATOR),
            ep("POST", "/api/v1/kabupaten/{kabupaten}/admins", "{\"username\":\"m-{unique}\",\"displayName\":\"M\"}", 201,
                    Scope.NATIONAL, OPERATOR),
            ep("POST", "/api/v1/kabupaten/{kabupaten}/admins/{adminAccount}/disable", NO_BODY, 200, Scope.NATIONAL, OPERATOR)
                    .ifMatch(0),
            ep("POST", "/api/v1/kabupaten/{kabupaten}/admins/{adminAccount}/enable", NO_BODY, 200, Scope.NATIONAL, OPERATOR)
                    .ifMatch(0),
            ep("GET", "/api/v1/kabupaten/{kabupaten}/configuration", NO_BODY, 200, Scope.KABUPATEN, ADMIN, OPERATOR),
            ep("PUT", "/api/v1/kabupaten/{kabupaten}/configuration?dryRun=true", "{homeConfiguration}", 200, Scope.KABUPATEN, ADMIN, OPERATOR),
            // accounts
            ep("GET", "/api/v1/accounts", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN),
            ep("POST", "/api/v1/accounts/import", "username,displayName,role\nm-{unique},M,VIEWER\n", 200, Scope.OWN_KABUPATEN, ADMIN)
                    .header("Content-Type", "text/csv"),
            ep("POST", "/api/v1/accounts", "{\"username\":\"m-{unique}\",\"displayName\":\"M\",\"role\":\"VIEWER\",\"password\":\"Matrix2026pass\"}", 201, Scope.OWN_KABUPATEN, ADMIN),
            ep("GET", "/api/v1/accounts/{account}", NO_BODY, 200, Scope.KABUPATEN, ADMIN),
            ep("POST", "/api/v1/accounts/{account}/disable", NO_BODY, 200, Scope.KABUPATEN, ADMIN).ifMatch(0),
            ep("POST", "/api/v1/accounts/{account}/enable", NO_BODY, 200, Scope.KABUPATEN, ADMIN).ifMatch(0),
            ep("POST", "/api/v1/accounts/{account}/unlock", NO_BODY, 200, Scope.KABUPATEN, ADMIN).ifMatch(0),
            ep("POST", "/api/v1/accounts/{account}/password", "{\"password\":\"Matrix2026new\"}", 200, Scope.KABUPATEN, ADMIN).ifMatch(0),
            // API keys
            ep("GET", "/api/v1/api-keys", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN),
            ep("POST", "/api/v1/api-keys", "{\"opdId\":{opd},\"name\":\"m-{unique}\"}", 201, Scope.KABUPATEN_IN_BODY, ADMIN),
            ep("GET", "/api/v1/api-keys/{apiKey}", NO_BODY, 200, Scope.KABUPATEN, ADMIN),
            ep("POST", "/api/v1/api-keys/{apiKey}/revoke", NO_BODY, 200, Scope.KABUPATEN, ADMIN),
            // regions: national reference data
            ep("GET", "/api/v1/regions/{desa}", NO_BODY, 200, Scope.NATIONAL, EVERY_ROLE),
            ep("GET", "/api/v1/regions/{kabupaten}/children", NO_BODY, 200, Scope.NATIONAL, EVERY_ROLE),
            ep("GET", "/api/v1/regions/search?kabupaten={kabupaten}&q=har", NO_BODY, 200, Scope.NATIONAL, EVERY_ROLE),
            ep("POST", "/api/v1/regions/import", "code,name\n{desa},{desaName}\n", 200, Scope.NATIONAL, OPERATOR)
                    .header("Content-Type", "text/csv"),
            // OPDs
            ep("GET", "/api/v1/opds", NO_BODY, 200, Scope.OWN_KABUPATEN, ALL_ROLES),
            ep("GET", "/api/v1/opds/{opd}", NO_BODY, 200, Scope.KABUPATEN, ALL_ROLES),
            ep("POST", "/api/v1/opds", "{\"code\":\"{uniqueCode}\",\"name\":\"M\",\"kind\":\"DINAS\",\"triage\":false}", 201,
                    Scope.OWN_KABUPATEN, ADMIN),
            ep("PUT", "/api/v1/opds/{freshOpd}", "{\"name\":\"M2\",\"kind\":\"DINAS\",\"active\":true,\"triage\":false}", 200,
                    Scope.KABUPATEN, ADMIN).ifMatch(0),
            ep("DELETE", "/api/v1/opds/{freshOpd}", NO_BODY, 204, Scope.KABUPATEN, ADMIN).ifMatch(0),
            // catalog
            ep("GET", "/api/v1/service-types", NO_BODY, 200, Scope.OWN_KABUPATEN, ALL_ROLES),
            ep("GET", "/api/v1/service-types/{serviceType}", NO_BODY, 200, Scope.KABUPATEN, ALL_ROLES),
            ep("GET", "/api/v1/service-types/{serviceType}/versions/1", NO_BODY, 200, Scope.KABUPATEN, ALL_ROLES),
            ep("POST", "/api/v1/service-types", "{\"code\":\"{uniqueCode}\",\"name\":\"M\",\"defaultOpdId\":{opd},\"timeLimitDays\":3,\"fee\":0}",
                    201, Scope.KABUPATEN_IN_BODY, ADMIN),
            ep("PUT", "/api/v1/service-types/{freshServiceType}",
                    "{\"name\":\"M2\",\"defaultOpdId\":{opd},\"timeLimitDays\":5,\"fee\":0,\"open\":true}", 200, Scope.KABUPATEN, ADMIN)
                    .ifMatch(1),
            ep("DELETE", "/api/v1/service-types/{freshServiceType}", NO_BODY, 204, Scope.KABUPATEN, ADMIN).ifMatch(1),
            // routing
            ep("GET", "/api/v1/routing-rules", NO_BODY, 200, Scope.OWN_KABUPATEN, ALL_ROLES),
            ep("GET", "/api/v1/routing-rules/{rule}", NO_BODY, 200, Scope.KABUPATEN, ALL_ROLES),
            ep("POST", "/api/v1/routing-rules", "{\"serviceTypeId\":{freshServiceType},\"regionCode\":\"{desa}\",\"opdId\":{opd}}", 201,
                    Scope.KABUPATEN_IN_BODY, ADMIN),
            ep("DELETE", "/api/v1/routing-rules/{rule}", NO_BODY, 204, Scope.KABUPATEN, ADMIN),
            ep("GET", "/api/v1/routing/explain?serviceTypeId={serviceType}&desa={desa}", NO_BODY, 200, Scope.KABUPATEN_IN_QUERY, ADMIN, VIEWER),
            // holidays
            ep("GET", "/api/v1/holidays", NO_BODY, 200, Scope.OWN_KABUPATEN, ALL_ROLES),
            ep("POST", "/api/v1/holidays", "{\"date\":\"{uniqueDate}\",\"name\":\"M\"}", 201, Scope.OWN_KABUPATEN, ADMIN),
            ep("DELETE", "/api/v1/holidays/{holidayDate}", NO_BODY, 204, Scope.KABUPATEN, ADMIN),
            // requests: filing and following at the desa
            ep("POST", "/api/v1/requests", FILING, 201, Scope.KABUPATEN_IN_BODY, DESA_OFFICER)
                    .idempotencyKey(),
            ep("POST", "/api/v1/requests/batch", "{\"items\":[{\"idempotencyKey\":\"m-{unique}\",\"filing\":" + FILING + "}]}", 200,
                    Scope.OWN_KABUPATEN, DESA_OFFICER),
            ep("GET", "/api/v1/requests", NO_BODY, 200, Scope.OWN_KABUPATEN, DESA_OFFICER, ADMIN, OPD_OFFICER, OPD_SYSTEM),
            ep("GET", "/api/v1/requests/{request}", NO_BODY, 200, Scope.REQUEST, DESA_OFFICER, ADMIN, OPD_OFFICER, OPD_SYSTEM),
            ep("POST", "/api/v1/requests/{request}/cancel", "{\"reason\":\"M\"}", 200, Scope.REQUEST, DESA_OFFICER)
                    .ifMatch(0).idempotencyKey(),
            ep("POST", "/api/v1/requests/{requestNeedsInfo}/supply-info", "{\"answers\":{},\"note\":\"M\"}", 200, Scope.REQUEST, DESA_OFFICER)
                    .ifMatch(0).idempotencyKey(),
            // the OPD's queue
            ep("GET", "/api/v1/queue?opdId={opd}", NO_BODY, 200, Scope.OPD, OPD_OFFICER, OPD_SYSTEM, ADMIN),
            ep("POST", "/api/v1/queue/claims", "{\"limit\":1,\"leaseSeconds\":3600,\"waitSeconds\":0}", 200, Scope.OWN_KABUPATEN,
                    OPD_OFFICER, OPD_SYSTEM),
            // a settlement names its requests in items: one outside the caller's queue is that item's 404, the call is 200
            ep("POST", "/api/v1/queue/settlements", "{\"items\":[{\"requestId\":{request},\"action\":\"ACCEPT\",\"version\":99}]}", 200,
                    Scope.OWN_KABUPATEN, OPD_OFFICER, OPD_SYSTEM, ADMIN)
                    .idempotencyKey(),
            ep("POST", "/api/v1/queue/requests/{request}/accept", "{\"note\":\"M\"}", 200, Scope.REQUEST, OPD_OFFICER, OPD_SYSTEM, ADMIN)
                    .ifMatch(0).idempotencyKey(),
            ep("POST", "/api/v1/queue/requests/{claimedRequest}/release", "{\"claimId\":\"" + MatrixFixtures.CLAIM_ID + "\"}", 200,
                    Scope.REQUEST, OPD_OFFICER, OPD_SYSTEM)
                    .idempotencyKey(),
            ep("POST", "/api/v1/queue/requests/{request}/forward", "{\"toOpdId\":{otherOpd},\"reason\":\"M\"}", 200, Scope.REQUEST,
                    OPD_OFFICER, OPD_SYSTEM, ADMIN).ifMatch(0).idempotencyKey(),
            ep("POST", "/api/v1/queue/requests/{request}/request-info", "{\"missing\":[\"KK\"]}", 200, Scope.REQUEST,
                    OPD_OFFICER, OPD_SYSTEM, ADMIN).ifMatch(0).idempotencyKey(),
            ep("POST", "/api/v1/queue/requests/{requestInProgress}/complete", "{\"resultNote\":\"M\"}", 200, Scope.REQUEST,
                    OPD_OFFICER, OPD_SYSTEM, ADMIN).ifMatch(0).idempotencyKey(),
            ep("POST", "/api/v1/queue/requests/{requestInProgress}/reject", "{\"reason\":\"M\"}", 200, Scope.REQUEST,
                    OPD_OFFICER, OPD_SYSTEM, ADMIN).ifMatch(0).idempotencyKey(),
            ep("POST", "/api/v1/queue/requests/{request}/reassign", "{\"toOpdId\":{otherOpd},\"reason\":\"M\"}", 200, Scope.REQUEST, ADMIN)
                    .ifMatch(0).idempotencyKey(),
            // public tracking
            ep("GET", "/api/v1/tracking/{trackingCode}", NO_BODY, 200, Scope.PUBLIC),
            // webhooks: the kabupaten's subscriptions (admins) and an OPD's (its systems), their deliveries
            ep("GET", "/api/v1/webhook-subscriptions", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN, OPD_SYSTEM),
            ep("POST", "/api/v1/webhook-subscriptions", "{\"url\":\"https://hooks.example.test/{unique}\",\"active\":false}", 201,
                    Scope.OWN_KABUPATEN, ADMIN, OPD_SYSTEM),
            ep("GET", "/api/v1/webhook-subscriptions/{subscription}", NO_BODY, 200, Scope.OPD, ADMIN, OPD_SYSTEM),
            ep("PUT", "/api/v1/webhook-subscriptions/{subscription}", "{\"url\":\"https://hooks.example.test/m2\",\"active\":false}", 200,
                    Scope.OPD, ADMIN, OPD_SYSTEM).ifMatch(0),
            ep("DELETE", "/api/v1/webhook-subscriptions/{subscription}", NO_BODY, 204, Scope.OPD, ADMIN, OPD_SYSTEM).ifMatch(0),
            ep("POST", "/api/v1/webhook-subscriptions/{subscription}/rotate-secret", NO_BODY, 200, Scope.OPD, ADMIN, OPD_SYSTEM)
                    .ifMatch(0),
            ep("GET", "/api/v1/webhook-subscriptions/{subscription}/deliveries", NO_BODY, 200, Scope.OPD, ADMIN, OPD_SYSTEM),
            ep("GET", "/api/v1/webhook-subscriptions/{deliveryPath}", NO_BODY, 200, Scope.OPD, ADMIN, OPD_SYSTEM),
            ep("POST", "/api/v1/webhook-subscriptions/{deliveryPath}/redeliver", NO_BODY, 201, Scope.OPD, ADMIN, OPD_SYSTEM),
            // the citizens' messages of the kabupaten
            ep("GET", "/api/v1/message-templates", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN, VIEWER),
            ep("GET", "/api/v1/message-templates/NEEDS_INFO", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN, VIEWER),
            ep("PUT", "/api/v1/message-templates/{templateStatus}", "{\"text\":\"M {kode}\"}", 200, Scope.OWN_KABUPATEN, ADMIN)
                    .ifMatch(0),
            ep("DELETE", "/api/v1/message-templates/{templateStatus}", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN).ifMatch(0),
            // the satisfaction survey: the citizen with the tracking code, or the desa from paper
            ep("GET", "/api/v1/tracking/{trackingCode}/survey", NO_BODY, 200, Scope.PUBLIC),
            ep("POST", "/api/v1/tracking/{finishedTrackingCode}/survey", SURVEY, 201, Scope.PUBLIC),
            ep("POST", "/api/v1/requests/{requestCompleted}/survey", SURVEY, 201, Scope.REQUEST, DESA_OFFICER)
                    .idempotencyKey(),
            // statistics: the kabupaten's own figures, for its admins and viewers
            ep("GET", "/api/v1/statistics/requests?from=2026-01-01&to=2026-12-31&groupBy=DESA", NO_BODY, 200, Scope.OWN_KABUPATEN,
                    ADMIN, VIEWER),
            ep("GET", "/api/v1/statistics/overdue", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN, VIEWER),
            ep("GET", "/api/v1/statistics/ikm?groupBy=SERVICE", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN, VIEWER),
            ep("GET", "/api/v1/statistics/open-data?month=2026-03", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN, VIEWER),
            // the audit trail
            ep("GET", "/api/v1/audit-entries", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN, OPERATOR),
            ep("GET", "/api/v1/audit-entries?format=CSV", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN, OPERATOR),
            // personal data: retention and a citizen's access request
            ep("GET", "/api/v1/retention-policy", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN),
            ep("PUT", "/api/v1/retention-policy", "{\"period\":\"P5Y\",\"purge\":false}", 200, Scope.OWN_KABUPATEN, ADMIN)
                    .header("If-Match", "\"0\"{retentionPolicyUnset}"),
            ep("GET", "/api/v1/retention-policy/dry-run", NO_BODY, 200, Scope.OWN_KABUPATEN, ADMIN),
            ep("POST", "/api/v1/personal-data/export", "{\"nik\":\"7324044107900001\"}", 200, Scope.OWN_KABUPATEN, ADMIN),
            // documents: files of requests, receipts, resumable uploads, public verification
            ep("GET", "/api/v1/requests/{request}/files", NO_BODY, 200, Scope.REQUEST, DESA_OFFICER, ADMIN, OPD_OFFICER, OPD_SYSTEM),
            ep("GET", "/api/v1/requests/{fileOfRequest}", NO_BODY, 200, Scope.REQUEST, DESA_OFFICER, ADMIN, OPD_OFFICER, OPD_SYSTEM),
            ep("POST", "/api/v1/requests/{requestWithAttachedKk}/documents/KK/files", MULTIPART_PDF, 201, Scope.REQUEST, DESA_OFFICER)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .idempotencyKey(),
            ep("POST", "/api/v1/requests/{requestWithAttachedKk}/documents/KK/uploads", NO_BODY, 201, Scope.REQUEST, DESA_OFFICER)
                    .header("Upload-Length", "100")
                    .idempotencyKey(),
            ep("POST", "/api/v1/queue/requests/{requestInProgress}/result-document", MULTIPART_PDF, 201, Scope.REQUEST,
                    OPD_OFFICER, OPD_SYSTEM, ADMIN)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .idempotencyKey(),
            ep("POST", "/api/v1/queue/requests/{requestInProgress}/result-document/uploads", NO_BODY, 201, Scope.REQUEST,
                    OPD_OFFICER, OPD_SYSTEM, ADMIN)
                    .header("Upload-Length", "100")
                    .idempotencyKey(),
            ep("OPTIONS", "/api/v1/uploads", NO_BODY, 204, Scope.PUBLIC),
            ep("HEAD", "/api/v1/uploads/{upload}", NO_BODY, 200, Scope.UPLOAD, DESA_OFFICER, ADMIN, OPD_OFFICER, OPD_SYSTEM),
            ep("PATCH", "/api/v1/uploads/{upload}", MatrixFixtures.UPLOAD_BODY, 204, Scope.UPLOAD, DESA_OFFICER, ADMIN, OPD_OFFICER, OPD_SYSTEM)
                    .header("Content-Type", "application/offset+octet-stream")
                    .header("Upload-Offset", "0"),
            ep("DELETE", "/api/v1/uploads/{upload}", NO_BODY, 204, Scope.UPLOAD, DESA_OFFICER, ADMIN, OPD_OFFICER, OPD_SYSTEM),
            ep("GET", "/api/v1/requests/{request}/receipt", NO_BODY, 200, Scope.REQUEST, DESA_OFFICER, ADMIN, OPD_OFFICER, OPD_SYSTEM),
            ep("GET", "/api/v1/requests/{request}/receipt/qr", NO_BODY, 200, Scope.REQUEST, DESA_OFFICER, ADMIN, OPD_OFFICER, OPD_SYSTEM),
            ep("GET", "/api/v1/verification/{verificationCode}", NO_BODY, 200, Scope.PUBLIC)
    );

    /** What an allowed role gets when the thing named belongs to another desa, OPD or kabupaten than the caller's. */
    enum Scope {
        /** No credentials needed; every caller, even with broken credentials, gets the success status. */
        PUBLIC(0),
        /** About the caller itself: every allowed caller succeeds. */
        ANY(0),
        /** A collection of the caller's own kabupaten, desa or OPD (a list, a claim, or a create naming nothing else): every allowed caller succeeds, in their own. */
        OWN_KABUPATEN(0),
        /** Reference data every kabupaten shares (the national region list): every allowed caller of any kabupaten succeeds. */
        NATIONAL(0),
        /** The path names a thing of the home kabupaten: another kabupaten's caller gets 404. */
        KABUPATEN(404),
        /** The body names a thing of the home kabupaten: another kabupaten's caller gets 400 naming the field. */
        KABUPATEN_IN_BODY(400),
        /** A query parameter names a thing of the home kabupaten: another kabupaten's caller gets 400 naming the parameter. */
        KABUPATEN_IN_QUERY(400),
        /** The path names a thing of the home desa: another desa's or kabupaten's caller gets 404; kabupaten-wide roles of the home kabupaten are in scope. */
        DESA(404),
        /** The path names a thing of the home OPD: another OPD's or kabupaten's caller gets 404; kabupaten-wide roles of the home kabupaten are in scope. */
        OPD(404),
        /**
         * The path names a request of the home desa in the home OPD's queue: only the home desa's officer, the home OPD's
         * officer or system and the home kabupaten's admin are in scope; anyone else gets 404, so that ids cannot be probed.
         */
        REQUEST(404),
        /** A resumable upload the home desa's officer started: nobody else reaches it (404), so that uploads cannot be probed. */
        UPLOAD(404);

        final int outOfScope;

        Scope(int outOfScope) {
            this.outOfScope = outOfScope;
        }

        boolean inScope(Who who) {
            return switch (this) {
                case PUBLIC, ANY, OWN_KABUPATEN, NATIONAL -> true;
                case KABUPATEN, KABUPATEN_IN_BODY, KABUPATEN_IN_QUERY -> who.place != Place.OTHER_KABUPATEN;
                case DESA -> who.place == Place.HOME || who.place == Place.OTHER_DESA_OR_OPD && who.role != DESA_OFFICER;
                case OPD -> who.place == Place.HOME || who.place == Place.OTHER_DESA_OR_OPD
                        && who.role != OPD_OFFICER && who.role != OPD_SYSTEM;
                case REQUEST -> who.place == Place.HOME;
                case UPLOAD -> who.place == Place.HOME && who.role == DESA_OFFICER;
            };
        }
    }

    enum Place { NONE, HOME, OTHER_DESA_OR_OPD, OTHER_KABUPATEN }

    /** Every caller each line is tried with. */
    enum Who {
        NO_CREDENTIALS(null, Place.NONE),
        MALFORMED_TOKEN(null, Place.NONE),
        TOKEN_SIGNED_BY_ANOTHER_KEY(null, Place.NONE),
        EXPIRED_TOKEN(null, Place.NONE),
        UNKNOWN_API_KEY(null, Place.NONE),
        REVOKED_API_KEY(null, Place.NONE),
        /** A valid token whose groups hold no role of this service. */
        TOKEN_WITHOUT_A_ROLE(null, Place.HOME),
        /** The installation's operator: of no kabupaten, it reaches every one it may. */
        OPERATOR_OF_THE_INSTALLATION(OPERATOR, Place.HOME),
        ADMIN_HOME(ADMIN, Place.HOME),
        VIEWER_HOME(VIEWER, Place.HOME),
        DESA_OFFICER_HOME(DESA_OFFICER, Place.HOME),
        OPD_OFFICER_HOME(OPD_OFFICER, Place.HOME),
        OPD_SYSTEM_HOME(OPD_SYSTEM, Place.HOME),
        DESA_OFFICER_OTHER_DESA(DESA_OFFICER, Place.OTHER_DESA_OR_OPD),
        OPD_OFFICER_OTHER_OPD(OPD_OFFICER, Place.OTHER_DESA_OR_OPD),
        OPD_SYSTEM_OTHER_OPD(OPD_SYSTEM, Place.OTHER_DESA_OR_OPD),
        ADMIN_OTHER_KABUPATEN(ADMIN, Place.OTHER_KABUPATEN),
        VIEWER_OTHER_KABUPATEN(VIEWER, Place.OTHER_KABUPATEN),
        DESA_OFFICER_OTHER_KABUPATEN(DESA_OFFICER, Place.OTHER_KABUPATEN),
        OPD_OFFICER_OTHER_KABUPATEN(OPD_OFFICER, Place.OTHER_KABUPATEN),
        OPD_SYSTEM_OTHER_KABUPATEN(OPD_SYSTEM, Place.OTHER_KABUPATEN);

        final Role role;
        final Place place;

        Who(Role role, Place place) {
            this.role = role;
            this.place = place;
        }

        boolean unauthenticated() {
            return place == Place.NONE;
        }
    }

    record Endpoint(String method, String path, String body, int success, Scope scope, Set<Role> roles, Map<String, String> headers) {
        Endpoint header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Endpoint(method, path, body, success, scope, roles, h);
        }

        /** Sent with {@code If-Match} naming this version of the target. */
        Endpoint ifMatch(int version) {
            return header("If-Match", "\"" + version + "\"");
        }

        /** Sent with an {@code Idempotency-Key} of its own. */
        Endpoint idempotencyKey() {
            return header("Idempotency-Key", "m-{unique}");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Endpoint ep(String method, String path, String body, int success, Scope scope, Role... roles) {
        return new Endpoint(method, path, body, success, scope,
                roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(Arrays.asList(roles)), Map.of());
    }

    static int expected(Endpoint e, Who who) {
        if (e.scope == Scope.PUBLIC) {
            return e.success;
        }
        if (who.unauthenticated()) {
            return 401;
        }
        if (who.role == null || !e.roles.contains(who.role)) {
            return 403;
        }
        return e.scope.inScope(who) ? e.success : e.scope.outOfScope;
    }

    static Stream<Arguments> cases() {
        return ENDPOINTS.stream().flatMap(e -> Arrays.stream(Who.values()).map(w -> Arguments.of(e, w)));
    }

    // --- resolving placeholders ---------------------------------------------------------------------------

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    /** How each placeholder becomes a value in the home scope; called once per case that uses it. */
    static final Map<String, java.util.function.Supplier<String>> PLACEHOLDERS = Map.ofEntries(
            Map.entry("kabupaten", () -> AuthFixtures.KABUPATEN),
            Map.entry("desa", () -> AuthFixtures.DESA),
            Map.entry("opd", () -> Long.toString(AuthFixtures.homeOpd())),
            Map.entry("account", () -> Long.toString(AuthFixtures.account(AuthFixtures.uniqueUsername("matrix"), null, VIEWER,
                    AuthFixtures.KABUPATEN, null, null).id)),
            Map.entry("apiKey", () -> Long.toString(AuthFixtures.apiKeyId(AuthFixtures.newApiKey(AuthFixtures.homeOpd(), "matrix", false)))),
            Map.entry("loginUser", AuthorizationMatrixTest::loginUser),
            Map.entry("unique", () -> "u" + System.nanoTime() % 100_000 + "-" + UNIQUE.incrementAndGet()),
            Map.entry("otherOpd", () -> Long.toString(AuthFixtures.otherOpd())),
            Map.entry("desaName", MatrixFixtures::desaName),
            Map.entry("serviceType", () -> Long.toString(MatrixFixtures.serviceType())),
            Map.entry("uniqueCode", MatrixFixtures::uniqueCode),
            Map.entry("uniqueDate", () -> MatrixFixtures.uniqueDate().toString()),
            Map.entry("freshOpd", () -> Long.toString(MatrixFixtures.freshOpd())),
            Map.entry("freshServiceType", () -> Long.toString(MatrixFixtures.freshServiceType())),
            Map.entry("rule", () -> Long.toString(MatrixFixtures.rule())),
            Map.entry("holidayDate", MatrixFixtures::holidayDate),
            Map.entry("request", () -> Long.toString(MatrixFixtures.request())),
            Map.entry("requestNeedsInfo", () -> Long.toString(MatrixFixtures.requestNeedsInfo())),
            Map.entry("requestInProgress", () -> Long.toString(MatrixFixtures.requestInProgress())),
            Map.entry("claimedRequest", () -> Long.toString(MatrixFixtures.claimedRequest())),
            Map.entry("trackingCode", MatrixFixtures::trackingCode),
            Map.entry("subscription", () -> Long.toString(MatrixFixtures.subscription())),
            Map.entry("deliveryPath", MatrixFixtures::deliveryPath),
            Map.entry("templateStatus", MatrixFixtures::templateStatus),
            Map.entry("finishedTrackingCode", MatrixFixtures::finishedTrackingCode),
            Map.entry("requestCompleted", () -> Long.toString(MatrixFixtures.requestCompleted())),
            Map.entry("retentionPolicyUnset", MatrixFixtures::retentionPolicyUnset),
            Map.entry("requestWithAttachedKk", () -> Long.toString(MatrixFixtures.requestWithAttachedKk())),
            Map.entry("fileOfRequest", MatrixFixtures::fileOfRequest),
            Map.entry("upload", MatrixFixtures::upload),
            Map.entry("verificationCode", MatrixFixtures::verificationCode),
            Map.entry("ownPassword", MatrixFixtures::ownPassword),
            Map.entry("freshKabupaten", MatrixFixtures::freshKabupaten),
            Map.entry("adminAccount", () -> Long.toString(AuthFixtures.account(AuthFixtures.uniqueUsername("matrix-admin"), null, ADMIN,
                    AuthFixtures.KABUPATEN, null, null).id)),
            Map.entry("homeConfiguration", MatrixFixtures::homeConfiguration));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    static String resolve(String template, Map<String, String> resolved) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            var resolver = PLACEHOLDERS.get(name);
            if (resolver == null) {
                // JSON braces are not placeholders
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved.computeIfAbsent(name, n -> resolver.get())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static volatile String loginUser;

    static synchronized String loginUser() {
        if (loginUser == null) {
            String u = AuthFixtures.uniqueUsername("matrix-login");
            AuthFixtures.account(u, LOGIN_PASSWORD, VIEWER, AuthFixtures.KABUPATEN, null, null);
            loginUser = u;
        }
        return loginUser;
    }

    // --- callers ------------------------------------------------------------------------------------------

    static RequestSpecification as(Who who) {
        RequestSpecification spec = given();
        return switch (who) {
            case NO_CREDENTIALS -> spec;
            case MALFORMED_TOKEN -> spec.header("Authorization", "Bearer not.a-token");
            case TOKEN_SIGNED_BY_ANOTHER_KEY -> spec.auth().oauth2(foreignToken());
            case EXPIRED_TOKEN -> spec.auth().oauth2(Jwt.issuer("layanan-desa").upn("expired").groups(Set.of("ADMIN"))
                    .claim("kabupaten", AuthFixtures.KABUPATEN)
                    .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign());
            case UNKNOWN_API_KEY -> spec.header("X-API-Key", id.go.layanandesa.account.ApiKeySecrets.generate());
            case REVOKED_API_KEY -> spec.header("X-API-Key", revokedKey());
            case TOKEN_WITHOUT_A_ROLE -> spec.auth().oauth2(Jwt.issuer("layanan-desa").upn("stranger").groups(Set.of("CITIZEN"))
                    .claim("kabupaten", AuthFixtures.KABUPATEN).expiresIn(600).sign());
            case OPERATOR_OF_THE_INSTALLATION -> spec.auth().oauth2(TestAccounts.operator());
            case ADMIN_HOME -> spec.auth().oauth2(TestAccounts.admin(AuthFixtures.KABUPATEN));
            case VIEWER_HOME -> spec.auth().oauth2(TestAccounts.viewer(AuthFixtures.KABUPATEN));
            case DESA_OFFICER_HOME -> spec.auth().oauth2(TestAccounts.desaOfficer(AuthFixtures.DESA));
            case OPD_OFFICER_HOME -> spec.auth().oauth2(TestAccounts.opdOfficer(AuthFixtures.homeOpd()));
            case OPD_SYSTEM_HOME -> spec.header("X-API-Key", AuthFixtures.apiKey(AuthFixtures.homeOpd()));
            case DESA_OFFICER_OTHER_DESA -> spec.auth().oauth2(TestAccounts.desaOfficer(AuthFixtures.OTHER_DESA));
            case OPD_OFFICER_OTHER_OPD -> spec.auth().oauth2(TestAccounts.opdOfficer(AuthFixtures.otherOpd()));
            case OPD_SYSTEM_OTHER_OPD -> spec.header("Authorization", "Bearer " + AuthFixtures.apiKey(AuthFixtures.otherOpd()));
            case ADMIN_OTHER_KABUPATEN -> spec.auth().oauth2(TestAccounts.admin(AuthFixtures.OTHER_KABUPATEN));
            case VIEWER_OTHER_KABUPATEN -> spec.auth().oauth2(TestAccounts.viewer(AuthFixtures.OTHER_KABUPATEN));
            case DESA_OFFICER_OTHER_KABUPATEN -> spec.auth().oauth2(TestAccounts.desaOfficer(AuthFixtures.OTHER_KABUPATEN_DESA));
            case OPD_OFFICER_OTHER_KABUPATEN -> spec.auth().oauth2(TestAccounts.opdOfficer(AuthFixtures.otherKabupatenOpd()));
            case OPD_SYSTEM_OTHER_KABUPATEN -> spec.header("X-API-Key", AuthFixtures.apiKey(AuthFixtures.otherKabupatenOpd()));
        };
    }

    private static volatile String foreignToken;
    private static volatile String revokedKey;

    static synchronized String foreignToken() {
        if (foreignToken == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                foreignToken = Jwt.issuer("layanan-desa").upn("forger").groups(Set.of("ADMIN"))
                        .claim("kabupaten", AuthFixtures.KABUPATEN).expiresIn(600).sign(generator.generateKeyPair().getPrivate());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return foreignToken;
    }

    static synchronized String revokedKey() {
        if (revokedKey == null) {
            revokedKey = AuthFixtures.newApiKey(AuthFixtures.homeOpd(), "revoked", true);
        }
        return revokedKey;
    }

    // --- the test -----------------------------------------------------------------------------------------

    @Inject
    TestRateLimiter rateLimiter;

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void everyEndpointAnswersEveryCallerByTheRule(Endpoint e, Who who) {
        AuthFixtures.ensureRegions();
        Map<String, String> resolved = new LinkedHashMap<>();
        String path = resolve(e.path, resolved);
        String body = resolve(e.body, resolved);
        RequestSpecification request = as(who);
        e.headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                request.header(name, resolve(value, resolved));
            }
        });
        if (body != null) {
            e.headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue)
                    .findFirst().ifPresentOrElse(request::contentType, () -> request.contentType(ContentType.JSON));
            // multipart and binary bodies go as the bytes written, which rest-assured does not encode again
            boolean binary = e.headers.entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Type")
                    && (h.getValue().startsWith("multipart/") || h.getValue().contains("octet-stream")));
            if (binary) {
                request.body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                request.body(body);
            }
        }
        // the public tracking look-up is limited per address: every case starts with a clean slate
        rateLimiter.startAfresh();
        int expected = expected(e, who);
        Map<String, String> before = expected >= 400 ? DatabaseFingerprint.take() : null;

        Response response = request.when().request(e.method, path);

        String what = e + " as " + who + " (" + path + ")";
        assertEquals(expected, response.statusCode(), what + ": " + response.asString());
        if (expected >= 400) {
            assertTrue(response.contentType().startsWith("application/problem+json"), what + ": " + response.contentType());
            if (!e.method.equals("HEAD")) {
                // an answer to HEAD has no body
                assertEquals(expected, response.jsonPath().getInt("status"), what);
            }
            if (expected == 401) {
                assertNotNull(response.header("WWW-Authenticate"), what + " has no WWW-Authenticate");
            }
            assertEquals(before, DatabaseFingerprint.take(), what + " changed the database although refused");
        }
    }

    /** The fingerprint must see a change, or every comparison above would pass for nothing. */
    @Test
    void theFingerprintSeesEveryKindOfChange() {
        AuthFixtures.ensureRegions();
        var account = AuthFixtures.account(AuthFixtures.uniqueUsername("fingerprint"), null, VIEWER, AuthFixtures.KABUPATEN, null, null);
        Map<String, String> before = DatabaseFingerprint.take();
        assertTrue(before.keySet().containsAll(List.of("account", "api_key", "opd", "region", "service_request")), before.keySet().toString());
        AuthFixtures.update("update account set display_name = display_name || '.' where id = ?1", account.id);
        Map<String, String> changed = DatabaseFingerprint.take();
        assertNotEquals(before.get("account"), changed.get("account"), "an update of one column");
        AuthFixtures.update("update account set failed_logins = failed_logins + 1 where id = ?1", account.id);
        assertNotEquals(changed.get("account"), DatabaseFingerprint.take().get("account"), "a counter");
        Map<String, String> beforeInsert = DatabaseFingerprint.take();
        AuthFixtures.newApiKey(AuthFixtures.homeOpd(), "fingerprint", false);
        assertNotEquals(beforeInsert.get("api_key"), DatabaseFingerprint.take().get("api_key"), "an insert");
    }

    /** A sanity check of the table itself: each line's expectations are not all the same. */
    @Test
    void everySecuredLineRefusesSomeoneAndAdmitsSomeone() {
        for (Endpoint e : ENDPOINTS) {
            if (e.scope == Scope.PUBLIC) {
                continue;
            }
            var statuses = Arrays.stream(Who.values()).map(w -> expected(e, w)).collect(java.util.stream.Collectors.toSet());
            assertTrue(statuses.contains(e.success) && statuses.contains(401) && statuses.contains(403), e + ": " + statuses);
        }
    }
}
