package id.go.layanandesa.common;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.IdempotencyRecords;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every creating or changing POST honours an Idempotency-Key, not only filing. */
@QuarkusTest
class IdempotentChangesTest {

    ExtractableResponse<Response> post(String token, String path, String key, Object body) {
        var spec = given().auth().oauth2(token).header("Idempotency-Key", key).contentType("application/json");
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.post(path).then().extract();
    }

    @Test
    void creatingAnOpdTwiceWithOneKeyCreatesOne() {
        String admin = TestAccounts.admin("73.24");
        String key = "opd-" + UUID.randomUUID();
        String code = "IDEM_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Map<String, Object> body = Map.of("code", code, "name", "Dinas Uji", "kind", "DINAS");
        ExtractableResponse<Response> first = post(admin, "/api/v1/opds", key, body);
        assertEquals(201, first.statusCode(), first.asString());
        ExtractableResponse<Response> second = post(admin, "/api/v1/opds", key, body);
        assertEquals(201, second.statusCode());
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals((Object) first.path("id"), second.path("id"));
        assertEquals(1L, Db.count("select count(*) from opd where code = ?1", code));
        // the next, unrelated call is not marked as a replay
        ExtractableResponse<Response> fresh = post(admin, "/api/v1/opds", key + "-next", Map.of("code", code + "N", "name", "Baru", "kind", "DINAS"));
        assertEquals(201, fresh.statusCode());
        assertEquals(null, fresh.header("Idempotent-Replayed"));
        ExtractableResponse<Response> other = post(admin, "/api/v1/opds", key, Map.of("code", code + "X", "name", "Lain", "kind", "DINAS"));
        assertEquals(422, other.statusCode());
        assertEquals("IDEMPOTENCY_KEY_REUSED", other.path("code"));
        assertEquals(0L, Db.count("select count(*) from opd where code = ?1", code + "X"));
    }

    @Test
    @OffContractRequests("an invalid holiday")
    void aRefusedChangeLeavesNoRecordAndTheKeyStaysUsable() {
        String admin = TestAccounts.admin("73.24");
        String key = "holiday-" + UUID.randomUUID();
        assertEquals(400, post(admin, "/api/v1/holidays", key, Map.of("name", "tanpa tanggal")).statusCode());
        assertEquals(0L, IdempotencyRecords.count(admin, key));
        ExtractableResponse<Response> created = post(admin, "/api/v1/holidays", key, Map.of("date", "2031-03-21", "name", "Hari uji"));
        assertEquals(201, created.statusCode(), created.asString());
        assertEquals(201, post(admin, "/api/v1/holidays", key, Map.of("date", "2031-03-21", "name", "Hari uji")).statusCode());
        assertEquals(1L, Db.count("select count(*) from holiday where kabupaten_code = '73.24' and day = date '2031-03-21'"));
    }

    @Test
    void aChangeOfAnAccountReplaysItsAnswer() {
        String admin = TestAccounts.admin("73.24");
        long account = AuthFixtures.account(AuthFixtures.uniqueUsername("idem"), null, id.go.layanandesa.common.security.Role.VIEWER,
                "73.24", null, null).id;
        String key = "disable-" + account;
        String first = given().auth().oauth2(admin).header("Idempotency-Key", key).header("If-Match", "\"0\"")
                .post("/api/v1/accounts/" + account + "/disable").then().statusCode(200).body("enabled", is(false)).extract().asString();
        // the retry carries the same If-Match; the account is at version 1 now, yet the first answer comes back
        String replayed = given().auth().oauth2(admin).header("Idempotency-Key", key).header("If-Match", "\"0\"")
                .post("/api/v1/accounts/" + account + "/disable").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("enabled", is(false)).body("id", is((int) account))
                .extract().asString();
        assertEquals(1, ((Number) Db.single("select version from account where id = ?1", account)).intValue());
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertEquals(json.readTree(first), json.readTree(replayed), "the replay is the first answer");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theSpecDeclaresTheKeyOnChangingPosts() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/opds'.post.parameters.name", hasItem("Idempotency-Key"))
                .body("paths.'/api/v1/requests'.post.parameters.name", hasItem("Idempotency-Key"))
                .body("paths.'/api/v1/opds'.post.responses.'422'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/v1/auth/login'.post.parameters.name", not(hasItem("Idempotency-Key")));
    }

    @Test
    void creatingAnApiKeyTwiceWithOneKeyCreatesOneAndShowsTheSameSecret() {
        String admin = TestAccounts.admin("73.24");
        long opd = AuthFixtures.homeOpd();
        String key = "apikey-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("opdId", opd, "name", "SIAK " + key);
        ExtractableResponse<Response> first = post(admin, "/api/v1/api-keys", key, body);
        assertEquals(201, first.statusCode(), first.asString());
        ExtractableResponse<Response> again = post(admin, "/api/v1/api-keys", key, body);
        assertEquals(201, again.statusCode());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals((Object) first.path("id"), again.path("id"));
        assertEquals((String) first.path("secret"), again.path("secret"), "the lost answer's secret is shown again to its key");
        assertEquals(1L, Db.count("select count(*) from api_key where name = ?1", "SIAK " + key));
        // the record keeps neither the secret nor the key in the clear
        String secret = first.path("secret");
        assertEquals(0L, Db.count("select count(*) from idempotency_record where body like ?1 or key_hash = ?2", "%" + secret + "%", key));
        assertEquals(1L, IdempotencyRecords.count(admin, key));
    }

    @Test
    void creatingAnAccountTwiceWithOneKeyCreatesOne() {
        String admin = TestAccounts.admin("73.24");
        String username = AuthFixtures.uniqueUsername("idem-account");
        String key = "account-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("username", username, "displayName", "Petugas Uji", "role", "VIEWER",
                "password", "rahasia-uji-2026");
        ExtractableResponse<Response> first = post(admin, "/api/v1/accounts", key, body);
        assertEquals(201, first.statusCode(), first.asString());
        ExtractableResponse<Response> again = post(admin, "/api/v1/accounts", key, body);
        assertEquals(201, again.statusCode(), again.asString());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(1L, Db.count("select count(*) from account where username = ?1", "7324." + username));
        // the same key with another password is another call
        Map<String, Object> other = Map.of("username", username, "displayName", "Petugas Uji", "role", "VIEWER",
                "password", "rahasia-lain-2026");
        assertEquals(422, post(admin, "/api/v1/accounts", key, other).statusCode());
    }

    @Test
    void aStoredAnswerHoldsNoPersonalDataInTheClear() {
        String officer = TestAccounts.desaOfficer("73.24.04.2001");
        String key = "pdp-" + UUID.randomUUID();
        long id = ((Number) Filings.file(officer, Filings.aktaKelahiran(), key)
                .statusCode(201).extract().path("id")).longValue();
        String etag = given().auth().oauth2(officer).get("/api/v1/requests/" + id).then().statusCode(200).extract().header("ETag");
        String cancelKey = "pdp-cancel-" + UUID.randomUUID();
        String first = given().auth().oauth2(officer).header("Idempotency-Key", cancelKey).header("If-Match", etag)
                .contentType("application/json").body(Map.of("reason", "uji")).post("/api/v1/requests/" + id + "/cancel")
                .then().statusCode(200).body("citizen.name", is("Siti Rahmawati")).extract().asString();
        assertEquals(0L, Db.count("select count(*) from idempotency_record where body like '%Siti%' or body like '%7324044107900001%'"));
        String replay = given().auth().oauth2(officer).header("Idempotency-Key", cancelKey).header("If-Match", etag)
                .contentType("application/json").body(Map.of("reason", "uji")).post("/api/v1/requests/" + id + "/cancel")
                .then().statusCode(200).header("Idempotent-Replayed", "true").header("ETag", notNullValue()).extract().asString();
        assertEquals(first, replay);
    }

    @Test
    void storedAnswersKeepTheirSealingAndOlderOnesAreStillReplayed() {
        String officer = TestAccounts.desaOfficer("73.24.04.2001");
        String key = "sealed-" + UUID.randomUUID();
        String first = Filings.file(officer, Filings.aktaKelahiran(), key).statusCode(201).extract().asString();
        String sealed = IdempotencyRecords.sealedAnswer(officer, key);
        // what was stored opens the way answers have always been sealed, and is the answer the caller got
        String stored = IdempotencyRecords.open(officer, key, sealed);
        assertEquals(new io.restassured.path.json.JsonPath(first).getMap(""), new io.restassured.path.json.JsonPath(stored).getMap(""));
        // an answer sealed that way, as a record stored before this installation's latest start holds it, is given again
        String older = stored.replace("\"SUBMITTED\"", "\"SUBMITTED\" ").replace(",", ", ");
        IdempotencyRecords.replaceSealedAnswer(officer, key, IdempotencyRecords.seal(officer, key, older, new byte[12]));
        String replay = Filings.file(officer, Filings.aktaKelahiran(), key).statusCode(201).header("Idempotent-Replayed", "true")
                .extract().asString();
        assertEquals(older, replay);
        assertEquals(1L, Db.count("select count(*) from service_request where id = ?1",
                ((Number) new io.restassured.path.json.JsonPath(first).get("id")).longValue()));
    }

    @Test
    void anAnswerThatCannotBeOpenedAnyMoreIsAConflictTheSpecDeclaresAndNothingIsFiledAgain() {
        String officer = TestAccounts.desaOfficer("73.24.04.2001");
        String key = "unreadable-" + UUID.randomUUID();
        long id = Filings.file(officer, Filings.aktaKelahiran(), key).statusCode(201).extract().jsonPath().getLong("id");
        // as after the installation's key changed: the stored answer does not open with the key of today
        String sealed = IdempotencyRecords.sealedAnswer(officer, key);
        byte[] bytes = java.util.Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        IdempotencyRecords.replaceSealedAnswer(officer, key, java.util.Base64.getEncoder().encodeToString(bytes));
        String filer = "select count(*) from service_request r where r.filed_by = (select f.filed_by from service_request f where f.id = ?1)";
        long filed = Db.count(filer, id);
        Filings.file(officer, Filings.aktaKelahiran(), key).statusCode(409)
                .contentType("application/problem+json").body("code", is("IDEMPOTENCY_KEY_UNREADABLE"));
        assertEquals(filed, Db.count(filer, id), "not filed again");
    }

    @Test
    void theSpecDeclaresTheKeyOnExactlyTheIdempotentOperations() {
        io.restassured.path.json.JsonPath spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        java.util.Set<String> declared = new java.util.TreeSet<>();
        Map<String, Map<String, Map<String, Object>>> paths = spec.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            Object params = op.get("parameters");
            if (params instanceof java.util.List<?> list && list.stream()
                    .anyMatch(p -> p instanceof Map<?, ?> m && "Idempotency-Key".equals(m.get("name")))) {
                declared.add(method.toUpperCase() + " " + path);
            }
        }));
        java.util.Set<String> honoured = new java.util.TreeSet<>();
        io.quarkus.arc.Arc.container().instance(id.go.layanandesa.common.idempotency.IdempotentOperations.class).get().all()
                .forEach(op -> honoured.add(op.httpMethod() + " " + op.path()));
        assertEquals(honoured, declared);
        org.junit.jupiter.api.Assertions.assertTrue(honoured.contains("POST /api/v1/api-keys"), honoured.toString());
        org.junit.jupiter.api.Assertions.assertTrue(honoured.contains("POST /api/v1/queue/requests/{id}/accept"), honoured.toString());
    }
}
