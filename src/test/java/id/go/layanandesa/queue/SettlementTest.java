package id.go.layanandesa.queue;

import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.OwnQueue;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A machine consumer settles a whole claim in one call: each item on its own, the others going through. */
@QuarkusTest
class SettlementTest {

    static final String DESA = "73.24.01.2001"; // Maleku, Mangkutana

    long opd;
    long otherOpd;
    String system;
    String desaOfficer;

    @BeforeEach
    void ownQueue() {
        opd = OwnQueue.open(DESA, "TEST_S_");
        otherOpd = TestAccounts.opd("73.24", "DINSOS");
        system = TestAccounts.opdOfficer(opd);
        desaOfficer = TestAccounts.desaOfficer(DESA);
    }

    @AfterEach
    void cleanUp() {
        Db.exec("update service_request set claim_id = null, claimed_by = null, lease_until = null where opd_id = ?1", opd);
        OwnQueue.close(DESA);
    }

    ExtractableResponse<Response> settle(String token, Object body, String key) {
        var spec = given().auth().oauth2(token).contentType("application/json").body(body);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.post("/api/v1/queue/settlements").then().extract();
    }

    static Map<String, Object> item(long id, String action, Object... more) {
        Map<String, Object> item = new HashMap<>(Map.of("requestId", id, "action", action));
        for (int i = 0; i < more.length; i += 2) {
            item.put((String) more[i], more[i + 1]);
        }
        return item;
    }

    @Test
    void aClaimIsSettledInOneCallEachItemOnItsOwn() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Filings.fileOne(desaOfficer));
        }
        long elsewhere = Filings.fileOne(TestAccounts.desaOfficer("73.24.04.2001")); // Harapan's: another OPD's queue
        ExtractableResponse<Response> claim = given().auth().oauth2(system).contentType("application/json")
                .body(Map.of("limit", 5, "leaseSeconds", 120)).post("/api/v1/queue/claims").then().statusCode(200).extract();
        String claimId = claim.path("claimId");
        long queueVersion = Db.count("select version from opd_queue_state where opd_id = ?1", opd);
        ExtractableResponse<Response> settled = settle(system, Map.of("items", List.of(
                item(ids.get(0), "ACCEPT", "claimId", claimId, "note", "diproses SIAK"),
                item(ids.get(1), "ACCEPT", "claimId", claimId),
                item(ids.get(2), "RELEASE", "claimId", claimId, "note", "dikerjakan manual"),
                item(ids.get(3), "FORWARD", "claimId", claimId, "toOpdId", otherOpd, "reason", "bukan kewenangan kami"),
                item(ids.get(4), "ACCEPT", "claimId", UUID.randomUUID().toString()),
                item(elsewhere, "ACCEPT", "claimId", claimId),
                item(ids.get(1), "COMPLETE", "version", 99, "resultNote", "selesai"),
                item(ids.get(0), "FORWARD", "claimId", claimId))), null);
        assertEquals(200, settled.statusCode(), settled.asString());
        assertEquals(List.of(200, 200, 200, 200, 409, 404, 412, 400), settled.path("items.status"));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), settled.path("items.index"));
        assertEquals(List.of("IN_PROGRESS", "IN_PROGRESS", "SUBMITTED", "SUBMITTED"), settled.path("items[0..3].request.status"));
        assertEquals((int) otherOpd, (int) settled.path("items[3].request.opdId"));
        assertEquals("LEASE_HELD_BY_ANOTHER", settled.path("items[4].problem.code"));
        assertEquals("NOT_FOUND", settled.path("items[5].problem.code"));
        assertEquals("STALE_VERSION", settled.path("items[6].problem.code"));
        assertEquals("items[7].toOpdId", settled.path("items[7].problem.violations[0].field"));
        assertEquals(4, (int) settled.path("settled"));
        assertEquals(4, (int) settled.path("failed"));
        // what the answer says is what the database holds
        assertEquals("IN_PROGRESS", Db.single("select status from service_request where id = ?1", ids.get(0)));
        assertEquals("SUBMITTED", Db.single("select status from service_request where id = ?1", ids.get(4)));
        assertEquals(otherOpd, ((Number) Db.single("select opd_id from service_request where id = ?1", ids.get(3))).longValue());
        assertEquals(0L, Db.count("select count(*) from service_request where id = ?1 and claim_id is not null", ids.get(2)));
        assertEquals(List.of("FILED", "CLAIMED", "ACCEPTED"), history(ids.get(0)));
        assertEquals(List.of("FILED", "CLAIMED", "RELEASED"), history(ids.get(2)));
        assertEquals(List.of("FILED", "CLAIMED", "FORWARDED"), history(ids.get(3)));
        assertEquals(List.of("FILED", "CLAIMED"), history(ids.get(4)), "the refused item changed nothing");
        assertEquals(List.of("FILED"), history(elsewhere));
        assertEquals(queueVersion + 1, Db.count("select version from opd_queue_state where opd_id = ?1", opd), "the queue moved once");

        // later the accepted ones are completed or rejected by their versions, with the whole request in the answer
        int v0 = settled.path("items[0].request.version");
        int v1 = settled.path("items[1].request.version");
        ExtractableResponse<Response> finished = settle(system, Map.of("detail", true, "items", List.of(
                item(ids.get(0), "COMPLETE", "version", v0, "resultNote", "akta selesai", "documentNumber", "7324-LT-0001"),
                item(ids.get(1), "REJECT", "version", v1, "reason", "NIK tidak terdaftar"))), null);
        assertEquals(List.of(200, 200), finished.path("items.status"));
        assertEquals("akta selesai", finished.path("items[0].detail.resultNote"));
        assertEquals("COMPLETED", finished.path("items[0].detail.status"));
        assertEquals(List.of("FILED", "CLAIMED", "ACCEPTED", "REJECTED"), finished.path("items[1].detail.history.type"));
    }

    @Test
    void aSettlementReplaysUnderItsKeyAndRefusesAnotherUnderIt() {
        long id = Filings.fileOne(desaOfficer);
        String claimId = given().auth().oauth2(system).contentType("application/json").body(Map.of("limit", 1, "leaseSeconds", 60))
                .post("/api/v1/queue/claims").then().statusCode(200).extract().path("claimId");
        String key = "settle-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("items", List.of(item(id, "ACCEPT", "claimId", claimId)));
        ExtractableResponse<Response> first = settle(system, body, key);
        ExtractableResponse<Response> again = settle(system, body, key);
        assertEquals(first.asString(), again.asString());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(1L, Db.count("select count(*) from request_event where request_id = ?1 and type = 'ACCEPTED'", id));
        assertEquals(422, settle(system, Map.of("items", List.of(item(id, "RELEASE", "claimId", claimId))), key).statusCode());
    }

    @Test
    @OffContractRequests("a settlement of 101 items and one of none, which the spec forbids")
    void theCallItselfMustBeWellFormed() {
        long id = Filings.fileOne(desaOfficer);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(item(id, "ACCEPT", "version", 0));
        }
        settle(system, Map.of("items", tooMany), null).response().then().statusCode(400).body("violations[0].field", is("items"));
        settle(system, Map.of("items", List.of()), null).response().then().statusCode(400);
        // neither a claim nor a version: that item says so, the call is answered
        settle(system, Map.of("items", List.of(item(id, "ACCEPT"))), null).response().then().statusCode(200)
                .body("items[0].status", is(400)).body("items[0].problem.violations[0].field", is("items[0].claimId"));
        // another kabupaten's OPD finds nothing
        long foreign = AuthFixtures.otherKabupatenOpd();
        settle(TestAccounts.opdOfficer(foreign), Map.of("items", List.of(item(id, "ACCEPT", "version", 0))), null).response().then()
                .statusCode(200).body("items[0].status", is(404));
        assertEquals("SUBMITTED", Db.single("select status from service_request where id = ?1", id));
        // a desa officer may not settle
        settle(desaOfficer, Map.of("items", List.of(item(id, "ACCEPT", "version", 0))), null).response().then().statusCode(403);
    }

    static List<String> history(long id) {
        List<String> types = new ArrayList<>();
        for (Object[] row : Db.rows("select type, id from request_event where request_id = ?1 order by id", id)) {
            types.add((String) row[0]);
        }
        return types;
    }
}
