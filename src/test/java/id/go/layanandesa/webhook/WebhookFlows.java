package id.go.layanandesa.webhook;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.TestAccounts;
import io.restassured.path.json.JsonPath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Subscribing and moving requests through their life through the API, for the webhook tests. */
final class WebhookFlows {

    static final String KABUPATEN = "73.24";
    /** Desa no other test files in: what arrives from them is the webhook tests' own. */
    static final String DESA = "73.24.07.2001";
    static final String OTHER_DESA = "73.24.10.2001";

    private WebhookFlows() {
    }

    static String admin() {
        return TestAccounts.admin(KABUPATEN);
    }

    static String desa() {
        return TestAccounts.desaOfficer(DESA);
    }

    /** A subscription made by the kabupaten's admin; the answer with its secret. */
    static JsonPath subscribe(String url, Map<String, Object> extra) {
        return subscribe(admin(), url, extra);
    }

    static JsonPath subscribe(String token, String url, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("url", url);
        var request = given().contentType("application/json").body(body);
        request = token.startsWith("ldk_") ? request.header("X-API-Key", token) : request.auth().oauth2(token);
        return request.post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().jsonPath();
    }

    /** Files an Akta Kelahiran for the desa; id, tracking code and OPD of the receipt. */
    static JsonPath file(String desaCode) {
        Map<String, Object> filing = Filings.aktaKelahiran();
        return given().auth().oauth2(TestAccounts.desaOfficer(desaCode)).contentType("application/json").body(filing)
                .post("/api/v1/requests").then().statusCode(201).extract().jsonPath();
    }

    /** The officer of the OPD that has the request now. */
    static String officerOf(long requestId) {
        long opd = ((Number) Db.single("select opd_id from service_request where id = ?1", requestId)).longValue();
        return TestAccounts.opdOfficer(opd);
    }

    static int version(long requestId) {
        return ((Number) Db.single("select version from service_request where id = ?1", requestId)).intValue();
    }

    /** An action of the OPD's officer (queue/requests/{id}/{action}) on the request as it is now. */
    static JsonPath opd(long requestId, String action, Map<String, Object> body) {
        return given().auth().oauth2(officerOf(requestId)).contentType("application/json").header("If-Match", "\"" + version(requestId) + "\"")
                .body(body).post("/api/v1/queue/requests/" + requestId + "/" + action).then().statusCode(200).extract().jsonPath();
    }

    /** An action of the desa's officer (requests/{id}/{action}). */
    static JsonPath desaAction(String desaCode, long requestId, String action, Map<String, Object> body) {
        return given().auth().oauth2(TestAccounts.desaOfficer(desaCode)).contentType("application/json")
                .header("If-Match", "\"" + version(requestId) + "\"")
                .body(body).post("/api/v1/requests/" + requestId + "/" + action).then().statusCode(200).extract().jsonPath();
    }

    /** FILED, ACCEPTED, INFO_REQUESTED, INFO_SUPPLIED, ACCEPTED, COMPLETED: the event types of {@link #wholeLife}. */
    static final List<String> WHOLE_LIFE = List.of("FILED", "ACCEPTED", "INFO_REQUESTED", "INFO_SUPPLIED", "ACCEPTED", "COMPLETED");

    /** Files a request and takes it through its whole life; its id. */
    static long wholeLife(String desaCode) {
        long id = file(desaCode).getLong("id");
        opd(id, "accept", Map.of());
        opd(id, "request-info", Map.of("missing", List.of("internal: buku nikah"), "note", "internal: KK lama",
                "publicNote", "Fotokopi buku nikah orang tua"));
        desaAction(desaCode, id, "supply-info", Map.of("note", "dibawa"));
        opd(id, "accept", Map.of());
        opd(id, "complete", Map.of("resultNote", "internal: dicetak", "publicNote", "Akta dapat diambil di kantor desa mulai Senin"));
        return id;
    }

    /** Every subscription and its deliveries go: no test leaves an endpoint that others' changes would reach. */
    static void unsubscribeAll() {
        Db.exec("delete from webhook_delivery");
        Db.exec("delete from webhook_subscription");
    }

    static JsonPath deliveries(long subscriptionId) {
        return given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + subscriptionId + "/deliveries?limit=100")
                .then().statusCode(200).extract().jsonPath();
    }
}
