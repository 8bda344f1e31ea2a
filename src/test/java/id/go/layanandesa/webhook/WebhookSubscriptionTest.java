package id.go.layanandesa.webhook;

import id.go.layanandesa.audit.AuditReads;
import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.WebhookReceiver;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static id.go.layanandesa.webhook.WebhookFlows.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** Subscribing, changing, pausing and unsubscribing: who may, what is checked, and that the secret is shown once and kept sealed. */
@QuarkusTest
class WebhookSubscriptionTest {

    static final String URL = "https://hooks.dukcapil.example.go.id/layanan";

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    AuditReads reads;

    @BeforeEach
    @AfterEach
    void unsubscribe() {
        unsubscribeAll();
    }

    @Test
    void theSecretIsShownOnceAndKeptOnlySealed() {
        ExtractableResponse<Response> created = given().auth().oauth2(admin()).contentType("application/json")
                .header("Idempotency-Key", "sub-once-1")
                .body(Map.of("url", URL, "description", "Dashboard kabupaten"))
                .post("/api/v1/webhook-subscriptions").then().statusCode(201)
                .header("ETag", "\"0\"")
                .header("Cache-Control", "no-store")
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="))
                .body("state", is("ACTIVE"))
                .body("active", is(true))
                .body("personalData", is(false))
                .body("eventTypes", empty())
                .body("serviceTypeIds", empty())
                .body("$", not(hasKey("opdId")))
                .body("createdBy", startsWith("account:"))
                .extract();
        assertEquals(List.of("no-store"), created.headers().getValues("Cache-Control"), "said once");
        long id = ((Number) created.path("id")).longValue();
        String secret = created.path("secret");
        assertTrue(created.header("Location").endsWith("/api/v1/webhook-subscriptions/" + id), created.header("Location"));
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertEquals(secret.substring(0, 12), created.path("secretPrefix"));

        given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + id).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("$", not(hasKey("secret")))
                .body("secretPrefix", is(secret.substring(0, 12)));
        // a retry with the same Idempotency-Key answers the first answer (the secret too) and subscribes once
        given().auth().oauth2(admin()).contentType("application/json").header("Idempotency-Key", "sub-once-1")
                .body(Map.of("url", URL, "description", "Dashboard kabupaten"))
                .post("/api/v1/webhook-subscriptions").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", is((int) id)).body("secret", is(secret));
        assertEquals(1, Db.count("select count(*) from webhook_subscription"));

        // the database keeps it sealed: neither the secret nor its key in the clear
        byte[] stored = (byte[]) Db.single("select secret from webhook_subscription where id = ?1", id);
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        assertFalse(storedText.contains(secret.substring(6, 20)));
        assertFalse(new String(stored, StandardCharsets.UTF_8).contains("whsec_"));
        assertFalse(containsBytes(stored, Base64.getDecoder().decode(secret.substring(6))));
    }

    @Test
    @OffContractRequests("subscriptions that break the schema")
    void whatASubscriptionNamesIsChecked() {
        long otherKabupatenService = otherKabupatenService();
        Object[][] cases = {
                {Map.of("description", "no url"), "url"},
                {Map.of("url", "ftp://hooks.example.go.id/x"), "url"},
                {Map.of("url", "https://10.0.0.5/hooks"), "url"},
                {Map.of("url", "https://[fd00::1]/hooks"), "url"},
                {Map.of("url", "https://169.254.169.254/latest/meta-data"), "url"},
                {Map.of("url", "https://user:pw@hooks.example.go.id/x"), "url"},
                {Map.of("url", URL, "eventTypes", List.of("FILED", "NOPE")), "eventTypes"},
                {Map.of("url", URL, "serviceTypeIds", List.of(otherKabupatenService)), "serviceTypeIds"},
                {Map.of("url", URL, "serviceTypeIds", List.of(999_999_999L)), "serviceTypeIds"},
                {Map.of("url", URL, "description", "x".repeat(201)), "description"},
                {Map.of("url", "https://hooks.example.go.id/" + "x".repeat(2000)), "url"},
                {Map.of("url", "https://hooks.example.go.id:99999/x"), "url"},
        };
        for (Object[] c : cases) {
            given().auth().oauth2(admin()).contentType("application/json").body(c[0])
                    .post("/api/v1/webhook-subscriptions").then().statusCode(400)
                    .body("code", is("VALIDATION_FAILED"))
                    .body("violations.field", hasItem(startsWith((String) c[1])));
        }
        assertEquals(0, Db.count("select count(*) from webhook_subscription"), "nothing refused was subscribed");
    }

    @Test
    @OffContractRequests("values of another JSON type than the schema's")
    void aValueIsReadOnlyFromItsOwnJsonType() {
        Object[][] cases = {
                {Map.of("url", URL, "personalData", 1), "personalData", "true or false"},
                {Map.of("url", URL, "personalData", "true"), "personalData", "true or false"},
                {Map.of("url", URL, "active", 0), "active", "true or false"},
                {Map.of("url", URL, "serviceTypeIds", List.of(String.valueOf(Db.serviceType(KABUPATEN, "AKTA_KELAHIRAN")))),
                        "serviceTypeIds[0]", "a whole number"},
                {Map.of("url", URL, "description", 7), "description", "a string"},
        };
        for (Object[] c : cases) {
            given().auth().oauth2(admin()).contentType("application/json").body(c[0])
                    .post("/api/v1/webhook-subscriptions").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", is("VALIDATION_FAILED"))
                    .body("violations.field", contains((String) c[1]))
                    .body("violations.message", contains(endsWith(" " + c[2])));
        }
        assertEquals(0, Db.count("select count(*) from webhook_subscription"), "nothing was subscribed, with personal data or without");
    }

    @Test
    void readingADeliveryThatCarriesTheCitizensNameAndPhoneIsARecordedRead() throws Exception {
        try (WebhookReceiver gateway = WebhookReceiver.accepting(); WebhookReceiver dashboard = WebhookReceiver.accepting()) {
            long withData = subscribe(gateway.url("/sms"), Map.of("eventTypes", List.of("FILED"), "personalData", true)).getLong("id");
            long without = subscribe(dashboard.url("/dashboard"), Map.of("eventTypes", List.of("FILED"))).getLong("id");
            long request = file(DESA).getLong("id");
            gateway.await(a -> a.stream().anyMatch(x -> x.requestId() == request && x.delivered()), Duration.ofSeconds(30));
            dashboard.await(a -> a.stream().anyMatch(x -> x.requestId() == request && x.delivered()), Duration.ofSeconds(30));
            // the body sent is kept with the attempt's end, recorded by the dispatcher's next pass
            WebhookDeliveryTest.awaitDelivery(withData, request, d -> "DELIVERED".equals(d.get("state")));
            WebhookDeliveryTest.awaitDelivery(without, request, d -> "DELIVERED".equals(d.get("state")));
            long shown = ((Number) Db.single("select id from webhook_delivery where subscription_id = ?1 and request_id = ?2",
                    withData, request)).longValue();
            long plain = ((Number) Db.single("select id from webhook_delivery where subscription_id = ?1 and request_id = ?2",
                    without, request)).longValue();

            given().auth().oauth2(admin()).header("X-Request-Id", "delivery-read-" + shown)
                    .get("/api/v1/webhook-subscriptions/" + withData + "/deliveries/" + shown).then().statusCode(200)
                    .body("payload.data.requestId", is((int) request))
                    .body("payload.data.citizen.name", not(emptyOrNullString()))
                    .body("payload.data.citizen.phone", not(emptyOrNullString()))
                    .body("$", not(hasKey("requestsShown")));
            given().auth().oauth2(admin()).header("X-Request-Id", "delivery-read-" + plain)
                    .get("/api/v1/webhook-subscriptions/" + without + "/deliveries/" + plain).then().statusCode(200)
                    .body("payload.data.requestId", is((int) request))
                    .body("payload.data", not(hasKey("citizen")));
            reads.flush();

            assertEquals(List.of("getWebhookDelivery|REQUEST|" + request + "|{" + request + "}"),
                    Db.rowsOf("select action || '|' || target_type || '|' || target_id || '|' || request_ids::text from audit_entry "
                            + "where client_request_id = ?1", "delivery-read-" + shown),
                    "the read that showed the citizen's name and phone names the request");
            assertEquals(0, Db.count("select count(*) from audit_entry where client_request_id = ?1", "delivery-read-" + plain),
                    "a body without personal data is no read of it");
        }
    }

    @Test
    void anOpdSystemSubscribesForItsOpdAndSeesOnlyThatAnAdminSeesEverySubscriptionOfTheKabupaten() {
        AuthFixtures.ensureRegions();
        long disdukcapil = TestAccounts.opd(KABUPATEN, "DISDUKCAPIL");
        long dinsos = TestAccounts.opd(KABUPATEN, "DINSOS");
        String siak = AuthFixtures.apiKey(disdukcapil);
        JsonPath own = subscribe(siak, URL + "/siak", Map.of("eventTypes", List.of("FILED")));
        assertEquals(disdukcapil, own.getLong("opdId"));
        assertTrue(own.getString("createdBy").startsWith("key:"));
        long kabupatenWide = subscribe(URL + "/dashboard", Map.of()).getLong("id");

        given().header("X-API-Key", siak).get("/api/v1/webhook-subscriptions").then().statusCode(200)
                .body("items.id", contains((int) own.getLong("id")));
        given().header("X-API-Key", siak).get("/api/v1/webhook-subscriptions/" + kabupatenWide).then().statusCode(404);
        given().header("X-API-Key", AuthFixtures.apiKey(dinsos)).get("/api/v1/webhook-subscriptions/" + own.getLong("id"))
                .then().statusCode(404);
        given().header("X-API-Key", AuthFixtures.apiKey(dinsos)).get("/api/v1/webhook-subscriptions").then().statusCode(200)
                .body("items", empty());
        given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions").then().statusCode(200)
                .body("items.id", contains((int) own.getLong("id"), (int) kabupatenWide));
        given().auth().oauth2(TestAccounts.admin(AuthFixtures.OTHER_KABUPATEN)).get("/api/v1/webhook-subscriptions/" + kabupatenWide)
                .then().statusCode(404);
        given().auth().oauth2(TestAccounts.opdOfficer(disdukcapil)).get("/api/v1/webhook-subscriptions").then().statusCode(403);
    }

    @Test
    @OffContractRequests("changes without If-Match")
    void aChangeNeedsTheCurrentVersionAndReplacesTheSubscriptionWhole() {
        long id = subscribe(URL, Map.of("eventTypes", List.of("FILED"), "personalData", true)).getLong("id");
        Map<String, Object> change = Map.of("url", URL + "/v2", "eventTypes", List.of("FILED", "COMPLETED", "FILED"));
        given().auth().oauth2(admin()).contentType("application/json").body(change)
                .put("/api/v1/webhook-subscriptions/" + id).then().statusCode(428).body("code", is("IF_MATCH_REQUIRED"));
        given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"7\"").body(change)
                .put("/api/v1/webhook-subscriptions/" + id).then().statusCode(412).body("code", is("STALE_VERSION"));
        given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("url", "https://192.168.0.9/x")).put("/api/v1/webhook-subscriptions/" + id).then().statusCode(400);
        given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"0\"").body(change)
                .put("/api/v1/webhook-subscriptions/" + id).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("url", is(URL + "/v2"))
                .body("eventTypes", contains("FILED", "COMPLETED"))
                .body("personalData", is(false));
        given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("url", URL, "active", false)).put("/api/v1/webhook-subscriptions/" + id).then().statusCode(200)
                .body("state", is("PAUSED")).body("active", is(false));
        given().auth().oauth2(admin()).header("If-Match", "\"1\"").delete("/api/v1/webhook-subscriptions/" + id).then().statusCode(412);
        given().auth().oauth2(admin()).header("If-Match", "\"2\"").delete("/api/v1/webhook-subscriptions/" + id).then().statusCode(204);
        given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void aPausedSubscriptionKeepsItsEventsAndGetsThemWhenItIsActiveAgain() throws Exception {
        try (WebhookReceiver paused = WebhookReceiver.accepting(); WebhookReceiver control = WebhookReceiver.accepting()) {
            long id = subscribe(paused.url("/paused"), Map.of("eventTypes", List.of("FILED"), "active", false)).getLong("id");
            subscribe(control.url("/control"), Map.of("eventTypes", List.of("FILED")));
            long request = file(DESA).getLong("id");
            control.await(a -> a.stream().anyMatch(x -> x.requestId() == request), Duration.ofSeconds(30));
            given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + id + "/deliveries").then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].state", is("PENDING"))
                    .body("items[0].attempts", is(0))
                    .body("items[0]", not(hasKey("lastAttemptAt")));
            long delivery = ((Number) Db.single("select id from webhook_delivery where subscription_id = ?1", id)).longValue();
            given().auth().oauth2(admin()).post("/api/v1/webhook-subscriptions/" + id + "/deliveries/" + delivery + "/redeliver")
                    .then().statusCode(409).body("code", is("DELIVERY_PENDING"));
            given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + id + "/deliveries/" + delivery).then().statusCode(200)
                    .body("$", not(hasKey("payload")));
            assertEquals(List.of(), paused.arrivals());

            given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"0\"")
                    .body(Map.of("url", paused.url("/paused"), "eventTypes", List.of("FILED"))).put("/api/v1/webhook-subscriptions/" + id)
                    .then().statusCode(200).body("state", is("ACTIVE"));
            paused.await(a -> a.stream().anyMatch(x -> x.requestId() == request && x.delivered()), Duration.ofSeconds(30));
        }
    }

    @Test
    @OffContractRequests("limits out of range and an unknown state filter")
    void listsArePagedAndADeliveryOfAnotherSubscriptionIsNotFound() throws Exception {
        long a = subscribe(URL + "/a", Map.of("active", false)).getLong("id");
        long b = subscribe(URL + "/b", Map.of("active", false)).getLong("id");
        long c = subscribe(URL + "/c", Map.of("active", false)).getLong("id");
        JsonPath first = given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions?limit=2").then().statusCode(200)
                .body("items.id", contains((int) a, (int) b)).body("next", notNullValue()).extract().jsonPath();
        given().auth().oauth2(admin()).queryParam("cursor", first.getString("next")).get("/api/v1/webhook-subscriptions?limit=2")
                .then().statusCode(200).body("items.id", contains((int) c)).body("$", not(hasKey("next")));
        given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions?limit=0").then().statusCode(400);
        given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions?limit=101").then().statusCode(400);
        given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions?cursor=nonsense!").then().statusCode(400)
                .body("violations[0].field", is("cursor"));
        given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + a + "/deliveries?state=LOST").then().statusCode(400);

        subscribe(URL + "/d", Map.of("eventTypes", List.of("FILED"), "active", false));
        file(DESA);
        long delivery = ((Number) Db.single("select max(id) from webhook_delivery")).longValue();
        long owner = ((Number) Db.single("select subscription_id from webhook_delivery where id = ?1", delivery)).longValue();
        assertNotEquals(a, owner);
        given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + a + "/deliveries/" + delivery).then().statusCode(404);
        given().auth().oauth2(admin()).post("/api/v1/webhook-subscriptions/" + a + "/deliveries/" + delivery + "/redeliver")
                .then().statusCode(404);
        given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + owner + "/deliveries/" + delivery).then().statusCode(200);
    }

    @Test
    void aDeletedSubscriptionTakesItsDeliveriesAlongAndThePurgeTakesThoseQueuedWhileItWent() {
        long gone = subscribe(URL + "/gone", Map.of("eventTypes", List.of("FILED"), "active", false)).getLong("id");
        long kept = subscribe(URL + "/kept", Map.of("eventTypes", List.of("FILED"), "active", false)).getLong("id");
        long request = file(DESA).getLong("id");
        assertEquals(1, Db.count("select count(*) from webhook_delivery where subscription_id = ?1", gone));
        given().auth().oauth2(admin()).header("If-Match", "\"0\"").delete("/api/v1/webhook-subscriptions/" + gone).then().statusCode(204);
        assertEquals(0, Db.count("select count(*) from webhook_delivery where subscription_id = ?1", gone), "its deliveries went with it");
        assertEquals(1, Db.count("select count(*) from webhook_delivery where subscription_id = ?1", kept), "another's stay");

        // a change whose transaction still saw the subscription as its deletion committed queued a delivery for it
        Db.exec("""
                insert into webhook_delivery (subscription_id, event_id, request_id, event_type, created_at, next_attempt_at)
                select ?1, event_id, request_id, event_type, created_at, next_attempt_at from webhook_delivery where subscription_id = ?2""",
                gone, kept);
        dispatcher.purge();
        assertEquals(0, Db.count("select count(*) from webhook_delivery where subscription_id = ?1", gone), "the purge takes it");
        assertEquals(List.of("PENDING"), Db.rowsOf("select state from webhook_delivery where subscription_id = ?1 and request_id = ?2",
                kept, request), "a paused subscription's delivery waits");
    }

    private static long otherKabupatenService() {
        AuthFixtures.ensureRegions();
        long found = ((Number) Db.single("select coalesce(max(id), 0) from service_type where kabupaten_code <> '73.24'")).longValue();
        return found > 0 ? found : Db.serviceType(KABUPATEN, "AKTA_KELAHIRAN") + 1_000_000;
    }

    private static boolean containsBytes(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
