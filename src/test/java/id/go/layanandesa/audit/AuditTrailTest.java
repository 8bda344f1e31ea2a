package id.go.layanandesa.audit;

import id.go.layanandesa.account.Account;
import id.go.layanandesa.account.TokenIssuer;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.MatrixFixtures;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The audit trail as an admin sees it: every administrative change in the transaction of the change, every read of
 * personal data a moment later, who, when, what, from where and under which request id, and never the personal data
 * itself; read by filters, keyset pages and as CSV, only the admin's own kabupaten.
 */
@QuarkusTest
class AuditTrailTest {

    static final String KAB = AuthFixtures.KABUPATEN;

    @Inject
    AuditReads reads;

    record Actor(long id, String token) {
        String principal() {
            return "account:" + id;
        }
    }

    /** A person of its own, so that the trail filtered by actor holds only what this test did. */
    static Actor actor(Role role, String kabupaten, String desa, Long opd) {
        AuthFixtures.ensureRegions();
        Account a = AuthFixtures.account(AuthFixtures.uniqueUsername("audit"), null, role, kabupaten, desa, opd);
        return new Actor(a.id, CDI.current().select(TokenIssuer.class).get().issue(a).value());
    }

    static JsonPath trail(String adminToken, String query) {
        return given().auth().oauth2(adminToken).accept(ContentType.JSON)
                .when().get("/api/v1/audit-entries?" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Holidays on dates no other test uses, created by the admin one after another and named the name and their index; their dates. */
    static List<String> holidaysCreated(Actor admin, int count, String name) {
        List<String> days = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String day = MatrixFixtures.uniqueDate().toString();
            days.add(day);
            given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("date", day, "name", name + i))
                    .post("/api/v1/holidays").then().statusCode(201);
        }
        return days;
    }

    /** The actions of the actor's entries, oldest first. */
    static List<String> actionsOf(String adminToken, Actor actor) {
        List<String> actions = new ArrayList<>(trail(adminToken, "limit=100&actor=" + actor.principal()).getList("items.action"));
        java.util.Collections.reverse(actions);
        return actions;
    }

    @Test
    void anAdministrativeChangeIsRecordedWithWhoWhenWhatWhereAndTheRequestId() {
        Actor admin = actor(Role.ADMIN, KAB, null, null);
        String code = MatrixFixtures.uniqueCode();
        Response created = given().auth().oauth2(admin.token()).contentType(ContentType.JSON).header("X-Request-Id", "audit-" + code)
                .body(Map.of("code", code, "name", "Dinas Uji", "kind", "DINAS", "triage", false))
                .when().post("/api/v1/opds");
        assertEquals(201, created.statusCode(), created.asString());
        long opd = created.jsonPath().getLong("id");

        JsonPath page = trail(admin.token(), "actor=" + admin.principal());
        assertEquals(1, page.getList("items").size(), page.prettify());
        assertEquals("createOpd", page.getString("items[0].action"));
        assertEquals(KAB, page.getString("items[0].kabupatenCode"));
        assertEquals("SESSION", page.getString("items[0].actor.kind"));
        assertEquals(admin.principal(), page.getString("items[0].actor.principal"));
        assertEquals("ADMIN", page.getString("items[0].actor.role"));
        assertEquals(Map.of("type", "OPD", "id", Long.toString(opd)), page.getMap("items[0].target"));
        assertEquals("127.0.0.1", page.getString("items[0].clientAddress"));
        assertEquals("audit-" + code, page.getString("items[0].clientRequestId"));
        assertTrue(page.getString("items[0].requestId").matches("[0-9a-f]{16}"), page.getString("items[0].requestId"));
        assertEquals(List.of("code", "name", "kind", "triage"), page.getList("items[0].detail.fields"));
        assertEquals(List.of(), page.getList("items[0].requestIds"));
        // the entry committed with the OPD: same transaction, so its time is the change's
        assertEquals(1, Db.count("select count(*) from audit_entry a join opd o on o.id = cast(a.target_id as bigint) "
                + "where a.actor = ?1 and o.id = ?2", admin.principal(), opd));
    }

    @Test
    void everyKindOfAdministrativeChangeLeavesOneEntryNamingWhatItChanged() {
        Actor admin = actor(Role.ADMIN, KAB, null, null);
        String t = admin.token();
        long home = AuthFixtures.homeOpd();
        // accounts
        long account = ((Number) given().auth().oauth2(t).contentType(ContentType.JSON)
                .body(Map.of("username", AuthFixtures.uniqueUsername("audited"), "displayName", "Diaudit", "role", "VIEWER",
                        "password", "Audit2026pass"))
                .post("/api/v1/accounts").then().statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(t).header("If-Match", "\"0\"").post("/api/v1/accounts/" + account + "/disable").then().statusCode(200);
        given().auth().oauth2(t).header("If-Match", "\"1\"").post("/api/v1/accounts/" + account + "/enable").then().statusCode(200);
        given().auth().oauth2(t).header("If-Match", "\"2\"").post("/api/v1/accounts/" + account + "/unlock").then().statusCode(200);
        given().auth().oauth2(t).header("If-Match", "\"2\"").contentType(ContentType.JSON).body(Map.of("password", "Baru2026audit"))
                .post("/api/v1/accounts/" + account + "/password").then().statusCode(200);
        // API keys
        long key = ((Number) given().auth().oauth2(t).contentType(ContentType.JSON).body(Map.of("opdId", home, "name", "audit"))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(t).post("/api/v1/api-keys/" + key + "/revoke").then().statusCode(200);
        // OPDs
        long opd = ((Number) given().auth().oauth2(t).contentType(ContentType.JSON)
                .body(Map.of("code", MatrixFixtures.uniqueCode(), "name", "Badan Uji", "kind", "BADAN", "triage", false))
                .post("/api/v1/opds").then().statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(t).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("name", "Badan Uji Dua", "kind", "BADAN", "active", true, "triage", false))
                .put("/api/v1/opds/" + opd).then().statusCode(200);
        // catalog and routing
        long type = ((Number) given().auth().oauth2(t).contentType(ContentType.JSON)
                .body(Map.of("code", MatrixFixtures.uniqueCode(), "name", "Layanan Uji", "defaultOpdId", opd, "timeLimitDays", 3, "fee", 0))
                .post("/api/v1/service-types").then().statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(t).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("name", "Layanan Uji Dua", "defaultOpdId", opd, "timeLimitDays", 5, "fee", 0, "open", true))
                .put("/api/v1/service-types/" + type).then().statusCode(200);
        long rule = ((Number) given().auth().oauth2(t).contentType(ContentType.JSON)
                .body(Map.of("serviceTypeId", type, "regionCode", AuthFixtures.DESA, "opdId", opd))
                .post("/api/v1/routing-rules").then().statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(t).delete("/api/v1/routing-rules/" + rule).then().statusCode(204);
        given().auth().oauth2(t).header("If-Match", "\"2\"").delete("/api/v1/service-types/" + type).then().statusCode(204);
        given().auth().oauth2(t).header("If-Match", "\"1\"").delete("/api/v1/opds/" + opd).then().statusCode(204);
        // holidays
        String day = MatrixFixtures.uniqueDate().toString();
        given().auth().oauth2(t).contentType(ContentType.JSON).body(Map.of("date", day, "name", "Libur Uji"))
                .post("/api/v1/holidays").then().statusCode(201);
        given().auth().oauth2(t).delete("/api/v1/holidays/" + day).then().statusCode(204);

        assertEquals(List.of("createAccount", "disableAccount", "enableAccount", "unlockAccount", "resetAccountPassword",
                "createApiKey", "revokeApiKey", "createOpd", "updateOpd", "createServiceType", "updateServiceType",
                "createRoutingRule", "deleteRoutingRule", "deleteServiceType", "deleteOpd", "createHoliday", "deleteHoliday"),
                actionsOf(t, admin));
        JsonPath page = trail(t, "limit=100&actor=" + admin.principal());
        List<Map<String, Object>> items = page.getList("items");
        java.util.Collections.reverse(items);
        List<String> targets = items.stream().map(e -> {
            @SuppressWarnings("unchecked") Map<String, Object> target = (Map<String, Object>) e.get("target");
            return target.get("type") + " " + target.getOrDefault("id", "-");
        }).toList();
        assertEquals(List.of("ACCOUNT " + account, "ACCOUNT " + account, "ACCOUNT " + account, "ACCOUNT " + account, "ACCOUNT " + account,
                "API_KEY " + key, "API_KEY " + key, "OPD " + opd, "OPD " + opd, "SERVICE_TYPE " + type, "SERVICE_TYPE " + type,
                "ROUTING_RULE " + rule, "ROUTING_RULE " + rule, "SERVICE_TYPE " + type, "OPD " + opd, "HOLIDAY " + day, "HOLIDAY " + day), targets);
        assertEquals("VIEWER", items.get(0).get("detail") instanceof Map<?, ?> d ? d.get("role") : null, "the role an account was made with");
        assertEquals(List.of("password"), ((Map<?, ?>) items.get(4).get("detail")).get("fields"), "the field set, never its value");
        assertEquals(0, Db.count("select count(*) from audit_entry where actor = ?1 and detail::text like '%Baru2026audit%'", admin.principal()));
    }

    @Test
    void aCallThatChangedNothingLeavesNoEntryAndAnImportSaysWhatItDid() {
        Actor admin = actor(Role.ADMIN, KAB, null, null);
        String csv = "username,displayName,role,desa\n" + AuthFixtures.uniqueUsername("impor") + ",Operator Impor,DESA_OFFICER,"
                + AuthFixtures.DESA + "\n";
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(admin.token()).contentType("text/csv").body(csv).post("/api/v1/accounts/import")
                    .then().statusCode(200).body("created", is(i == 0 ? 1 : 0));
        }
        String document = given().auth().oauth2(admin.token()).get("/api/v1/kabupaten/" + KAB + "/configuration")
                .then().statusCode(200).extract().asString();
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(document)
                .put("/api/v1/kabupaten/" + KAB + "/configuration?dryRun=true").then().statusCode(200).body("applied", is(false));
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(document)
                .put("/api/v1/kabupaten/" + KAB + "/configuration").then().statusCode(200).body("applied", is(true))
                .body("summary.added", is(0)).body("summary.changed", is(0)).body("summary.removed", is(0));

        assertEquals(List.of("importAccounts"), actionsOf(admin.token(), admin),
                "the same file again, the dry run and the document applied already changed nothing");
        JsonPath page = trail(admin.token(), "actor=" + admin.principal());
        assertEquals(Map.of("created", 1, "unchanged", 0, "rejected", 0), page.getMap("items[0].detail"));
    }

    @Test
    void aReplayedChangeIsNotRecordedAgain() {
        Actor admin = actor(Role.ADMIN, KAB, null, null);
        Map<String, Object> body = Map.of("date", MatrixFixtures.uniqueDate().toString(), "name", "Libur Ulang");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(admin.token()).contentType(ContentType.JSON).header("Idempotency-Key", "audit-replay-" + admin.id())
                    .body(body).post("/api/v1/holidays").then().statusCode(201)
                    .header("Idempotent-Replayed", i == 0 ? nullValue() : equalTo("true"));
        }
        assertEquals(List.of("createHoliday"), actionsOf(admin.token(), admin), "the replay changed nothing");
    }

    @Test
    void aRefusedOrFailedChangeLeavesNoEntry() {
        Actor admin = actor(Role.ADMIN, KAB, null, null);
        long opd = ((Number) given().auth().oauth2(admin.token()).contentType(ContentType.JSON)
                .body(Map.of("code", MatrixFixtures.uniqueCode(), "name", "Dinas Uji", "kind", "DINAS", "triage", false))
                .post("/api/v1/opds").then().statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(admin.token()).header("If-Match", "\"7\"").contentType(ContentType.JSON)
                .body(Map.of("name", "Nama Lain", "kind", "DINAS", "active", true, "triage", false))
                .put("/api/v1/opds/" + opd).then().statusCode(412);
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON)
                .body(Map.of("username", existingUsername(), "displayName", "Dua", "role", "VIEWER", "password", "Audit2026pass"))
                .post("/api/v1/accounts").then().statusCode(409);
        given().auth().oauth2(admin.token()).delete("/api/v1/holidays/2199-01-01").then().statusCode(404);
        assertEquals(List.of("createOpd"), actionsOf(admin.token(), admin));
        assertEquals("Dinas Uji", Db.single("select name from opd where id = ?1", opd));
    }

    @Test
    void readsOfPersonalDataAreRecordedAndAnUnchangedAnswerIsNot() {
        Actor desa = actor(Role.DESA_OFFICER, KAB, AuthFixtures.DESA, null);
        Actor admin = actor(Role.ADMIN, KAB, null, null);
        long id = Filings.fileOne(desa.token());

        String etag = given().auth().oauth2(desa.token()).get("/api/v1/requests/" + id).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(desa.token()).header("If-None-Match", etag).get("/api/v1/requests/" + id).then().statusCode(304);
        given().auth().oauth2(desa.token()).get("/api/v1/requests?limit=5").then().statusCode(200).body("items.id", hasItem((int) id));
        given().auth().oauth2(admin.token()).get("/api/v1/queue?opdId=" + Db.single("select opd_id from service_request where id = ?1", id)
                + "&limit=100&sort=FILED").then().statusCode(200);
        reads.flush();

        JsonPath mine = trail(admin.token(), "actor=" + desa.principal());
        assertEquals(List.of("listRequests", "getRequest"), mine.getList("items.action"), "a 304 showed nothing");
        assertEquals(Map.of("type", "REQUEST", "id", Long.toString(id)), mine.getMap("items[1].target"));
        assertEquals(List.of((int) id), mine.getList("items[1].requestIds"));
        assertTrue(mine.getList("items[0].requestIds").contains((int) id));
        assertEquals("DESA_OFFICER", mine.getString("items[0].actor.role"));

        JsonPath about = trail(admin.token(), "requestId=" + id);
        assertEquals(Set.of("getRequest", "listRequests", "listQueue"), new HashSet<>(about.getList("items.action")),
                "everyone who saw the request's personal data");
    }

    @Test
    void aClaimIsARecordedRead() {
        long opd = AuthFixtures.otherOpd();
        Actor admin = actor(Role.ADMIN, KAB, null, null);
        long request = MatrixFixtures.request();
        Db.exec("update service_request set opd_id = ?1, due_date = date '1990-01-01' where id = ?2", opd, request);
        String key = AuthFixtures.newApiKey(opd, "audit claims", false);
        List<Integer> claimed = given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("limit", 100, "waitSeconds", 0))
                .post("/api/v1/queue/claims").then().statusCode(200).extract().path("items.id");
        assertTrue(claimed.contains((int) request), claimed.toString());
        reads.flush();
        JsonPath entries = trail(admin.token(), "action=claimRequests&actor=key:" + AuthFixtures.apiKeyId(key));
        assertEquals(1, entries.getList("items").size());
        assertEquals("API_KEY", entries.getString("items[0].actor.kind"));
        assertEquals(new HashSet<>(claimed), new HashSet<>(entries.getList("items[0].requestIds")));
    }

    @Test
    void noEntryHoldsTheCitizensPersonalData() {
        Actor desa = actor(Role.DESA_OFFICER, KAB, AuthFixtures.DESA, null);
        long id = Filings.fileOne(desa.token());
        given().auth().oauth2(desa.token()).get("/api/v1/requests/" + id).then().statusCode(200);
        given().auth().oauth2(desa.token()).get("/api/v1/requests?limit=3").then().statusCode(200);
        reads.flush();
        String all = (String) Db.single("select coalesce(string_agg(to_jsonb(a)::text, '|'), '') from audit_entry a where ?1 = any(request_ids)", id);
        assertFalse(all.isEmpty());
        for (String personal : List.of(Filings.NIK, "Siti Rahmawati", "0812", "+62812", "Dusun Harapan", "Aminah")) {
            assertFalse(all.contains(personal), personal + " is in the trail: " + all);
        }
    }

    @Test
    void anAdminReadsOnlyTheirKabupatensTrailByFiltersAndKeysetPages() {
        Actor admin = actor(Role.ADMIN, KAB, null, null);
        List<String> days = holidaysCreated(admin, 7, "Libur ");
        given().auth().oauth2(admin.token()).delete("/api/v1/holidays/" + days.get(0)).then().statusCode(204);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = trail(admin.token(), "limit=3&action=createHoliday&actor=" + admin.principal() + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(page.getList("items.target.id"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        List<String> newestFirst = new ArrayList<>(days);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen, "every entry once, newest first");

        assertEquals(List.of(days.get(0), days.get(0)),
                trail(admin.token(), "targetType=HOLIDAY&targetId=" + days.get(0)).getList("items.target.id"));
        assertEquals(List.of("deleteHoliday"), trail(admin.token(), "targetType=HOLIDAY&targetId=" + days.get(0)
                + "&action=deleteHoliday").getList("items.action"));
        String at = trail(admin.token(), "limit=1&actor=" + admin.principal()).getString("items[0].at");
        assertEquals(List.of(), trail(admin.token(), "actor=" + admin.principal() + "&from=" + java.time.Instant.parse(at).plusNanos(1000))
                .getList("items"));
        assertEquals(1, trail(admin.token(), "actor=" + admin.principal() + "&to=" + java.time.Instant.parse(at).plusNanos(1000)
                + "&from=" + at).getList("items").size());

        OtherKabupaten.ensure();
        String otherAdmin = TestAccounts.admin(OtherKabupaten.KABUPATEN);
        assertEquals(List.of(), trail(otherAdmin, "actor=" + admin.principal()).getList("items"), "another kabupaten's trail");
        assertEquals(0, trail(otherAdmin, "limit=100").getList("items.kabupatenCode").stream().filter(k -> !OtherKabupaten.KABUPATEN.equals(k)).count());
    }

    @Test
    void anOperatorReadsTheWholeInstallationsTrailOrOneKabupatensAndAnAdminOnlyTheirOwn() {
        OtherKabupaten.ensure();
        Actor here = actor(Role.ADMIN, KAB, null, null);
        Actor there = actor(Role.ADMIN, OtherKabupaten.KABUPATEN, null, null);
        for (Actor admin : List.of(here, there)) {
            given().auth().oauth2(admin.token()).contentType(ContentType.JSON)
                    .body(Map.of("date", MatrixFixtures.uniqueDate().toString(), "name", "Libur Operator"))
                    .post("/api/v1/holidays").then().statusCode(201);
        }
        String operator = TestAccounts.operator();
        assertEquals(List.of(KAB), trail(operator, "actor=" + here.principal()).getList("items.kabupatenCode"));
        assertEquals(List.of(OtherKabupaten.KABUPATEN), trail(operator, "actor=" + there.principal()).getList("items.kabupatenCode"));
        assertEquals(List.of(), trail(operator, "kabupaten=" + OtherKabupaten.KABUPATEN + "&actor=" + here.principal()).getList("items"));
        assertEquals(List.of("createHoliday"), trail(operator, "kabupaten=" + KAB + "&actor=" + here.principal()).getList("items.action"));
        assertTrue(given().auth().oauth2(operator).get("/api/v1/audit-entries?format=CSV&actor=" + there.principal())
                .then().statusCode(200).header("Content-Disposition", containsString("audit-installation-"))
                .extract().asString().contains(",createHoliday,"));

        trail(here.token(), "kabupaten=" + KAB + "&actor=" + here.principal());
        given().auth().oauth2(here.token()).get("/api/v1/audit-entries?kabupaten=" + OtherKabupaten.KABUPATEN).then().statusCode(400)
                .body("code", is("VALIDATION_FAILED")).body("violations.field", hasItem("kabupaten"));
    }

    @Test
    void theTrailAsCsvHoldsEveryMatchingEntry() {
        Actor admin = actor(Role.ADMIN, KAB, null, null);
        List<String> days = holidaysCreated(admin, 3, "Libur, \"CSV\" ");
        Response csv = given().auth().oauth2(admin.token()).accept("text/csv")
                .get("/api/v1/audit-entries?limit=1&actor=" + admin.principal());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.header("Content-Disposition").matches("attachment; filename=\"audit-73\\.24-\\d{4}-\\d{2}-\\d{2}\\.csv\""),
                csv.header("Content-Disposition"));
        String body = new String(csv.asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(body.startsWith("\uFEFFid,at,kabupaten_code,actor_kind,actor,"), body);
        String[] lines = body.split("\r\n");
        assertEquals(4, lines.length, "the header and every entry, not one page: " + body);
        for (int i = 1; i <= 3; i++) {
            assertTrue(lines[i].contains(",73.24,SESSION," + admin.principal() + ","), lines[i]);
            assertTrue(lines[i].contains(",createHoliday,HOLIDAY," + days.get(3 - i) + ","), lines[i]);
            assertTrue(lines[i].endsWith(",\"{\"\"fields\"\":[\"\"date\"\",\"\"name\"\"]}\""), lines[i]);
        }
        Response byParameter = given().auth().oauth2(admin.token()).get("/api/v1/audit-entries?format=CSV&actor=" + admin.principal());
        assertEquals(body, new String(byParameter.asByteArray(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @OffContractRequests("filters out of their bounds")
    void badFiltersAreRefusedNamingTheParameter() {
        String admin = TestAccounts.admin(KAB);
        given().auth().oauth2(admin).get("/api/v1/audit-entries?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("violations[0].field", equalTo("to"));
        given().auth().oauth2(admin).get("/api/v1/audit-entries?cursor=bm90LWEtY3Vyc29y")
                .then().statusCode(400).body("violations[0].field", equalTo("cursor"));
        given().auth().oauth2(admin).get("/api/v1/audit-entries?limit=101").then().statusCode(400);
        given().auth().oauth2(admin).get("/api/v1/audit-entries?action=drop%20table").then().statusCode(400);
        given().auth().oauth2(admin).get("/api/v1/audit-entries?requestId=0").then().statusCode(400);
    }

    @Test
    void aCursorNamingATimeNoEntryCanHaveIsRefusedAsACursorNotAFailure() {
        String admin = TestAccounts.admin(KAB);
        String requestId = "cursor-" + MatrixFixtures.uniqueCode();
        for (String micros : List.of("-9223372036854775808", "9223372036854775807", "-62135596800000000")) {
            String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":1").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (String format : List.of("JSON", "CSV")) {
                given().auth().oauth2(admin).header("X-Request-Id", requestId)
                        .get("/api/v1/audit-entries?format=" + format + "&cursor=" + cursor)
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("code", equalTo("VALIDATION_FAILED"))
                        .body("violations[0].field", equalTo("cursor"))
                        .body("violations[0].message", equalTo("is not a cursor this list gave out"));
            }
        }
        reads.flush();
        assertEquals(0L, ((Number) Db.single("select count(*) from audit_entry where client_request_id = ?1", requestId)).longValue(),
                "a refused read of the trail is recorded nowhere");
    }

    /** A username the kabupaten has already, as it is stored (with the kabupaten's prefix, which an admin may also leave out). */
    static String existingUsername() {
        return (String) Db.single("select username from account where kabupaten_code = ?1 and username like ?2 order by id limit 1",
                KAB, KAB.replace(".", "") + ".%");
    }
}
