package id.go.layanandesa.queue;

import id.go.layanandesa.support.TestClock;
import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.OwnQueue;
import id.go.layanandesa.support.Management;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue of a test OPD of its own (so that other tests' filings do not land in it), reached through a
 * routing rule for one service from one desa.
 */
@QuarkusTest
class QueueTest {

    static final String DESA = "73.24.01.2001"; // Maleku, Mangkutana

    @Inject
    TestClock clock;

    long opd;
    String officer;
    String desaOfficer;

    @BeforeEach
    void ownQueue() {
        opd = OwnQueue.open(DESA, "TEST_Q_");
        officer = TestAccounts.opdOfficer(opd);
        desaOfficer = TestAccounts.desaOfficer(DESA);
    }

    @AfterEach
    void cleanUp() {
        clock.reset();
        // leases this test left behind would run out during later tests, whose database checks the sweep would disturb
        Db.exec("update service_request set claim_id = null, claimed_by = null, lease_until = null where opd_id = ?1", opd);
        OwnQueue.close(DESA);
    }

    long file() {
        return Filings.fileOne(desaOfficer);
    }

    ExtractableResponse<Response> claim(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/api/v1/queue/claims").then().extract();
    }

    String etag(long id, String token) {
        return given().auth().oauth2(token).get("/api/v1/requests/" + id).then().statusCode(200).extract().header("ETag");
    }

    ExtractableResponse<Response> act(String token, long id, String action, Object body, String ifMatch) {
        var spec = given().auth().oauth2(token).contentType("application/json").body(body);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.post("/api/v1/queue/requests/" + id + "/" + action).then().extract();
    }

    @Test
    void unchangedQueueAnswers304AndAChangeGivesANewPage() {
        long first = file();
        ExtractableResponse<Response> page = given().auth().oauth2(officer).get("/api/v1/queue").then().statusCode(200)
                .body("items.id", contains((int) first))
                .body("items[0].nikMasked", is("7324**********01"))
                .body("items[0].citizenName", is("Siti Rahmawati"))
                .extract();
        String etag = page.header("ETag");
        given().auth().oauth2(officer).header("If-None-Match", etag).get("/api/v1/queue").then().statusCode(304)
                .header("ETag", etag).body(emptyString());
        // another filter is another representation
        given().auth().oauth2(officer).header("If-None-Match", etag).get("/api/v1/queue?sort=FILED").then().statusCode(200);
        long second = file();
        given().auth().oauth2(officer).header("If-None-Match", etag).get("/api/v1/queue").then().statusCode(200)
                .header("ETag", not(etag))
                .body("items.id", containsInAnyOrder((int) first, (int) second));
    }

    @Test
    @OffContractRequests("a limit out of range")
    void queueListFiltersAndPages() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(file());
        }
        ExtractableResponse<Response> p1 = given().auth().oauth2(officer).get("/api/v1/queue?limit=2&sort=FILED").then().statusCode(200)
                .body("items", hasSize(2)).body("next", notNullValue()).extract();
        List<Integer> seen = new ArrayList<>(p1.path("items.id"));
        String next = p1.path("next");
        while (next != null) {
            ExtractableResponse<Response> p = given().auth().oauth2(officer).queryParam("cursor", next)
                    .get("/api/v1/queue?limit=2&sort=FILED").then().statusCode(200).extract();
            seen.addAll(p.path("items.id"));
            next = p.path("next");
        }
        assertEquals(ids.stream().map(Long::intValue).toList(), seen);
        given().auth().oauth2(officer).get("/api/v1/queue?desa=73.24.04.2001").then().statusCode(200).body("items", empty());
        given().auth().oauth2(officer).get("/api/v1/queue?kecamatan=73.24.01").then().statusCode(200).body("items", hasSize(5));
        given().auth().oauth2(officer).get("/api/v1/queue?status=COMPLETED").then().statusCode(200).body("items", empty());
        given().auth().oauth2(officer).get("/api/v1/queue?cursor=@@@").then().statusCode(400).body("violations[0].field", is("cursor"));
        given().auth().oauth2(officer).get("/api/v1/queue?limit=101").then().statusCode(400).body("violations[0].field", is("limit"));
        // another OPD's queue is not yours
        given().auth().oauth2(officer).get("/api/v1/queue?opdId=" + TestAccounts.opd("73.24", "DINSOS")).then().statusCode(404);
        // an admin reads any queue of the kabupaten
        given().auth().oauth2(TestAccounts.admin("73.24")).get("/api/v1/queue?opdId=" + opd).then().statusCode(200).body("items", hasSize(5));
    }

    @Test
    void claimDeliversOldestDueFirstWithFullDetailAndHoldsThemFromOtherConsumers() {
        long a = file();
        long b = file();
        ExtractableResponse<Response> c1 = claim(officer, Map.of("limit", 1, "leaseSeconds", 60));
        assertEquals(200, c1.statusCode(), c1.asString());
        assertEquals(List.of((int) a), c1.path("items.id"));
        assertEquals(1, (int) c1.path("items[0].deliveryCount"));
        assertEquals("7324044107900001", c1.path("items[0].citizen.nik"));
        assertEquals("FILED", c1.path("items[0].history[0].type"));
        ExtractableResponse<Response> c2 = claim(officer, Map.of("limit", 5));
        assertEquals(List.of((int) b), c2.path("items.id"));
        ExtractableResponse<Response> c3 = claim(officer, Map.of("limit", 5));
        assertEquals(List.of(), c3.path("items"));
        assertEquals(1L, Db.count("select count(*) from service_request where id = ?1 and claim_id is not null and lease_until > now()", a));
    }

    @Test
    @OffContractRequests("claims out of bounds")
    void claimBoundsAreChecked() {
        claim(officer, Map.of("limit", 0)).response().then().statusCode(400).body("violations[0].field", is("limit"));
        claim(officer, Map.of("limit", 101)).response().then().statusCode(400).body("violations[0].field", is("limit"));
        claim(officer, Map.of("leaseSeconds", 5)).response().then().statusCode(400).body("violations[0].field", is("leaseSeconds"));
        claim(officer, Map.of("leaseSeconds", 7200)).response().then().statusCode(400).body("violations[0].field", is("leaseSeconds"));
        claim(officer, Map.of("waitSeconds", 31)).response().then().statusCode(400).body("violations[0].field", is("waitSeconds"));
        claim(desaOfficer, Map.of()).response().then().statusCode(403);
    }

    @Test
    void anExpiredLeaseReturnsTheRequestAndCountsARedeliveryUntilItIsFlagged() {
        long id = file();
        for (int delivery = 1; delivery <= 5; delivery++) {
            ExtractableResponse<Response> c = claim(officer, Map.of("limit", 1, "leaseSeconds", 10));
            assertEquals(List.of((int) id), c.path("items.id"), "delivery " + delivery);
            assertEquals(delivery, (int) c.path("items[0].deliveryCount"));
            // while the lease holds nobody else gets it
            assertEquals(List.of(), claim(officer, Map.of("limit", 1)).path("items"));
            clock.advance(Duration.ofSeconds(11));
        }
        // the sixth claim flags it for a person instead of delivering it again
        assertEquals(List.of(), claim(officer, Map.of("limit", 1)).path("items"));
        assertEquals(1L, Db.count("select count(*) from service_request where id = ?1 and needs_attention and claim_id is null", id));
        assertEquals(1L, Db.count("select count(*) from request_event where request_id = ?1 and type = 'FLAGGED'", id));
        given().auth().oauth2(officer).get("/api/v1/queue?needsAttention=true").then().statusCode(200)
                .body("items.id", contains((int) id)).body("items[0].needsAttention", is(true));
    }

    @Test
    void consumersActWithTheirClaimAndNeverOnAnothersLease() {
        long id = file();
        String system2 = TestAccounts.opdOfficer(opd); // same account, but a second claim
        ExtractableResponse<Response> c = claim(officer, Map.of("limit", 1, "leaseSeconds", 30));
        String claimId = c.path("claimId");
        // a person acting on it while the lease holds is refused
        ExtractableResponse<Response> blocked = act(system2, id, "accept", Map.of(), etag(id, officer));
        assertEquals(409, blocked.statusCode());
        assertEquals("LEASE_HELD_BY_ANOTHER", blocked.path("code"));
        // a wrong claim id is refused
        assertEquals("LEASE_HELD_BY_ANOTHER", act(officer, id, "accept", Map.of("claimId", UUID.randomUUID().toString()), null).path("code"));
        // the holder accepts
        ExtractableResponse<Response> accepted = act(officer, id, "accept", Map.of("claimId", claimId), null);
        assertEquals(200, accepted.statusCode(), accepted.asString());
        assertEquals("IN_PROGRESS", accepted.path("status"));
        assertEquals(List.of("FILED", "CLAIMED", "ACCEPTED"), accepted.path("history.type"));
        // accepting twice is a conflict naming the status and what is allowed
        ExtractableResponse<Response> twice = act(officer, id, "accept", Map.of(), accepted.header("ETag"));
        assertEquals(409, twice.statusCode());
        assertEquals("INVALID_TRANSITION", twice.path("code"));
        assertEquals("IN_PROGRESS", twice.path("currentStatus"));
        assertEquals(List.of("REQUEST_INFO", "FORWARD", "COMPLETE", "REJECT", "REASSIGN"), twice.path("allowed"));
        assertEquals(1L, Db.count("select count(*) from service_request where id = ?1 and status = 'IN_PROGRESS' and claim_id is null", id));
    }

    @Test
    void anExpiredClaimCannotBeUsed() {
        long id = file();
        String claimId = claim(officer, Map.of("limit", 1, "leaseSeconds", 10)).path("claimId");
        clock.advance(Duration.ofSeconds(11));
        ExtractableResponse<Response> late = act(officer, id, "accept", Map.of("claimId", claimId), null);
        assertEquals(409, late.statusCode());
        assertEquals("LEASE_EXPIRED", late.path("code"));
        assertEquals("SUBMITTED", Db.single("select status from service_request where id = ?1", id));
    }

    @Test
    @OffContractRequests("a release without claimId")
    void releaseReturnsTheRequestAtOnce() {
        long id = file();
        String claimId = claim(officer, Map.of("limit", 1)).path("claimId");
        act(officer, id, "release", Map.of(), null).response().then().statusCode(400).body("violations[0].field", is("claimId"));
        act(officer, id, "release", Map.of("claimId", claimId), null).response().then().statusCode(200)
                .body("status", is("SUBMITTED"));
        assertEquals(List.of((int) id), claim(officer, Map.of("limit", 1)).path("items.id"));
        assertEquals(2, ((Number) Db.single("select delivery_count from service_request where id = ?1", id)).intValue());
    }

    @Test
    void theWholeLifeWithHistory() {
        long id = file();
        // ask for information, the desa supplies it, it comes back to this OPD
        ExtractableResponse<Response> asked = act(officer, id, "request-info",
                Map.of("missing", List.of("Fotokopi buku nikah orang tua")), etag(id, officer));
        assertEquals(200, asked.statusCode(), asked.asString());
        assertEquals("NEEDS_INFO", asked.path("status"));
        // the desa sees it, and nothing else may be done to it now
        given().auth().oauth2(desaOfficer).get("/api/v1/requests/" + id).then().statusCode(200).body("status", is("NEEDS_INFO"))
                .body("history[1].note", containsString("buku nikah"));
        assertEquals(409, act(officer, id, "accept", Map.of(), etag(id, officer)).statusCode());
        ExtractableResponse<Response> supplied = given().auth().oauth2(desaOfficer).contentType("application/json")
                .header("If-Match", etag(id, desaOfficer))
                .body(Map.of("documents", List.of(Map.of("code", "BUKU_NIKAH", "provision", "ON_PAPER")), "answers", Map.of("berat_lahir_gram", 3200)))
                .post("/api/v1/requests/" + id + "/supply-info").then().extract();
        assertEquals(200, supplied.statusCode(), supplied.asString());
        assertEquals("SUBMITTED", supplied.path("status"));
        assertEquals(opd, ((Number) supplied.path("opd.id")).longValue());
        assertEquals(3200, (int) supplied.path("answers.berat_lahir_gram"));
        // accept, complete
        assertEquals(200, act(officer, id, "accept", Map.of(), etag(id, officer)).statusCode());
        ExtractableResponse<Response> done = act(officer, id, "complete",
                Map.of("resultNote", "Akta selesai", "documentNumber", "7324-LT-0001"), etag(id, officer));
        assertEquals(200, done.statusCode(), done.asString());
        assertEquals("COMPLETED", done.path("status"));
        assertEquals(List.of("FILED", "INFO_REQUESTED", "INFO_SUPPLIED", "ACCEPTED", "COMPLETED"), done.path("history.type"));
        assertEquals(List.of("SUBMITTED", "NEEDS_INFO", "SUBMITTED", "IN_PROGRESS", "COMPLETED"), done.path("history.toStatus"));
        assertTrue(done.path("finishedAt") != null);
        // finished: nothing more
        ExtractableResponse<Response> again = act(officer, id, "reject", Map.of("reason", "x"), done.header("ETag"));
        assertEquals(409, again.statusCode());
        assertEquals(List.of(), again.path("allowed"));
        // public tracking shows the steps and nothing personal
        String code = done.path("trackingCode");
        String tracked = given().get("/api/v1/tracking/" + code.toLowerCase()).then().statusCode(200)
                .body("status", is("COMPLETED"))
                .body("history.status", contains("SUBMITTED", "NEEDS_INFO", "SUBMITTED", "IN_PROGRESS", "COMPLETED"))
                .extract().asString();
        for (String personal : List.of("7324044107900001", "Siti", "+62812", "Dusun", "buku nikah", "Akta selesai", "7324-LT-0001")) {
            assertTrue(!tracked.contains(personal), "tracking shows " + personal + ": " + tracked);
        }
    }

    @Test
    @OffContractRequests("a reject without a reason or If-Match")
    void rejectNeedsAReasonAndPreconditionsAreEnforced() {
        long id = file();
        assertEquals(428, act(officer, id, "accept", Map.of(), null).statusCode());
        ExtractableResponse<Response> stale = act(officer, id, "accept", Map.of(), "\"7\"");
        assertEquals(412, stale.statusCode());
        assertEquals("STALE_VERSION", stale.path("code"));
        String etag = act(officer, id, "accept", Map.of(), etag(id, officer)).header("ETag");
        assertEquals(400, act(officer, id, "reject", Map.of(), etag).statusCode());
        ExtractableResponse<Response> rejected = act(officer, id, "reject", Map.of("reason", "NIK tidak terdaftar"), etag);
        assertEquals(200, rejected.statusCode());
        assertEquals("REJECTED", rejected.path("status"));
    }

    @Test
    @OffContractRequests("a forward without a reason")
    void forwardMovesTheRequestAndTooManyHopsSendItToTriage() {
        long id = file();
        long dinsos = TestAccounts.opd("73.24", "DINSOS");
        long dpupr = TestAccounts.opd("73.24", "DPUPR");
        assertEquals(400, act(officer, id, "forward", Map.of("toOpdId", opd, "reason", "x"), etag(id, officer)).statusCode());
        OtherKabupaten.ensure();
        ExtractableResponse<Response> foreign = act(officer, id, "forward",
                Map.of("toOpdId", OtherKabupaten.opd("DISDUKCAPIL"), "reason", "x"), etag(id, officer));
        assertEquals(400, foreign.statusCode());
        assertEquals("toOpdId", foreign.path("violations[0].field"));
        assertEquals(400, act(officer, id, "forward", Map.of("toOpdId", dinsos), etag(id, officer)).statusCode());

        ExtractableResponse<Response> hop1 = act(officer, id, "forward", Map.of("toOpdId", dinsos, "reason", "Bukan kewenangan kami"), etag(id, officer));
        assertEquals(200, hop1.statusCode(), hop1.asString());
        assertEquals("DINSOS", hop1.path("opd.code"));
        assertEquals("FORWARDED", hop1.path("history[1].type"));
        // no longer in this queue: acting on it is a conflict, reading it (handled before) is allowed
        assertEquals(409, act(officer, id, "accept", Map.of(), hop1.header("ETag")).statusCode());
        given().auth().oauth2(officer).get("/api/v1/requests/" + id).then().statusCode(200);

        String dinsosOfficer = TestAccounts.opdOfficer(dinsos);
        String dpuprOfficer = TestAccounts.opdOfficer(dpupr);
        ExtractableResponse<Response> hop2 = act(dinsosOfficer, id, "forward", Map.of("toOpdId", dpupr, "reason", "PU"), hop1.header("ETag"));
        ExtractableResponse<Response> hop3 = act(dpuprOfficer, id, "forward", Map.of("toOpdId", dinsos, "reason", "Sosial"), hop2.header("ETag"));
        assertEquals("DINSOS", hop3.path("opd.code"));
        ExtractableResponse<Response> hop4 = act(dinsosOfficer, id, "forward", Map.of("toOpdId", dpupr, "reason", "PU lagi"), hop3.header("ETag"));
        assertEquals(200, hop4.statusCode());
        assertEquals("ORGANISASI", hop4.path("opd.code"), "the fourth hop goes to triage");
        assertTrue(((String) hop4.path("history[4].note")).contains("triage"));
        // triage (an admin) sends it on; that hop starts the count again
        ExtractableResponse<Response> fromTriage = act(TestAccounts.admin("73.24"), id, "forward",
                Map.of("toOpdId", dinsos, "reason", "Ditangani Dinas Sosial"), hop4.header("ETag"));
        assertEquals(200, fromTriage.statusCode());
        assertEquals(0, ((Number) Db.single("select forward_count from service_request where id = ?1", id)).intValue());
    }

    @Test
    void concurrentClaimsNeverDeliverTheSameRequestTwice() throws Exception {
        int requests = 120;
        for (int i = 0; i < requests; i++) {
            file();
        }
        int consumers = 6;
        Set<Integer> delivered = ConcurrentHashMap.newKeySet();
        List<Integer> duplicates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            futures.add(pool.submit(() -> {
                start.await();
                while (true) {
                    List<Integer> items = claim(officer, Map.of("limit", 7, "leaseSeconds", 600)).path("items.id");
                    if (items.isEmpty()) {
                        return null;
                    }
                    for (Integer id : items) {
                        if (!delivered.add(id)) {
                            synchronized (duplicates) {
                                duplicates.add(id);
                            }
                        }
                    }
                }
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(List.of(), duplicates);
        assertEquals(requests, delivered.size());
        assertEquals((long) requests, Db.count("select count(*) from service_request where opd_id = ?1 and delivery_count = 1", opd));
    }

    @Test
    void aWaitingClaimWakesWhenWorkArrivesAndHoldsNoConnection() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        long started = System.nanoTime();
        Future<ExtractableResponse<Response>> waiting = pool.submit(() -> claim(officer, Map.of("limit", 5, "waitSeconds", 20)));
        Thread.sleep(1500);
        assertTrue(!waiting.isDone(), "the claim waits while the queue is empty");
        String metrics = Management.metrics();
        long filedAt = System.nanoTime();
        long id = file();
        ExtractableResponse<Response> claimed = waiting.get(10, TimeUnit.SECONDS);
        long wokeAfterMs = (System.nanoTime() - filedAt) / 1_000_000;
        pool.shutdown();
        assertEquals(List.of((int) id), claimed.path("items.id"));
        assertTrue(wokeAfterMs < 5000, "woke " + wokeAfterMs + " ms after the filing");
        assertTrue((System.nanoTime() - started) / 1_000_000 < 15_000);
        // while it waited, the pool lent no connection to it
        assertTrue(metrics.contains("agroal_active_count"), "pool metrics are published");
        double active = metrics.lines().filter(l -> l.startsWith("agroal_active_count"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertEquals(0.0, active, "active pooled connections while a claim waits");
    }

    @Test
    void aConsumerThatHangsUpWhileWaitingClaimsNothing() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest waiting = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/v1/queue/claims"))
                .header("Authorization", "Bearer " + officer).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(1))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"limit\": 5, \"waitSeconds\": 10}")).build();
        try {
            client.send(waiting, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException expected) {
            // the consumer gave up and closed its connection
        }
        client.close();
        Thread.sleep(300);
        long id = file();
        Thread.sleep(1500);
        assertEquals(0L, Db.count("select count(*) from service_request where id = ?1 and (claim_id is not null or delivery_count > 0)", id),
                "the request stays in the queue for a consumer that is still there");
        assertEquals(List.of((int) id), claim(officer, Map.of("limit", 5)).path("items.id"));
    }

    @Test
    void aWaitingClaimReturnsEmptyAtTheDeadline() {
        long started = System.nanoTime();
        ExtractableResponse<Response> r = claim(officer, Map.of("limit", 5, "waitSeconds", 2));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, r.statusCode());
        assertEquals(List.of(), r.path("items"));
        assertTrue(tookMs >= 1900, "waited " + tookMs + " ms");
    }

    @Test
    void otherKabupatenAndOtherOpdCannotSeeOrTouch() {
        long id = file();
        OtherKabupaten.ensure();
        String foreignAdmin = TestAccounts.admin(OtherKabupaten.KABUPATEN);
        given().auth().oauth2(foreignAdmin).get("/api/v1/requests/" + id).then().statusCode(404).body("code", is("NOT_FOUND"));
        String otherOpd = TestAccounts.opdOfficer(TestAccounts.opd("73.24", "BPBD"));
        given().auth().oauth2(otherOpd).get("/api/v1/requests/" + id).then().statusCode(404);
        assertEquals(404, act(otherOpd, id, "accept", Map.of(), "\"0\"").statusCode());
        assertEquals(404, act(foreignAdmin, id, "reassign", Map.of("toOpdId", opd, "reason", "x"), "\"0\"").statusCode());
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).get("/api/v1/requests/" + id).then().statusCode(404);
        given().auth().oauth2(TestAccounts.viewer("73.24")).get("/api/v1/requests/" + id).then().statusCode(403);
        assertEquals("SUBMITTED", Db.single("select status from service_request where id = ?1", id));
    }

    @Inject
    ClaimService claims;

    @Test
    void aLeaseThatRunsOutWakesAWaitingClaimAndTheHistoryTellsIt() throws Exception {
        long id = file();
        String first = claim(officer, Map.of("limit", 1, "leaseSeconds", 10, "consumer", "bridge-a")).path("claimId");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // the queue holds nothing claimable now: a second consumer waits
            Future<ExtractableResponse<Response>> waiting = pool.submit(() ->
                    claim(officer, Map.of("limit", 1, "leaseSeconds", 60, "waitSeconds", 20, "consumer", "bridge-b")));
            Thread.sleep(500);
            assertFalse(waiting.isDone(), "nothing to claim yet: the call waits");
            clock.advance(java.time.Duration.ofSeconds(11));
            claims.endExpiredLeases();
            ExtractableResponse<Response> woken = waiting.get(10, TimeUnit.SECONDS);
            assertEquals(200, woken.statusCode(), woken.asString());
            assertEquals(List.of((int) id), woken.path("items.id"));
            assertNotEquals(first, woken.path("claimId"));
            assertEquals(List.of("FILED", "CLAIMED", "LEASE_EXPIRED", "CLAIMED"), woken.path("items[0].history.type"));
            assertEquals(2, (int) woken.path("items[0].deliveryCount"));
            assertTrue(woken.<String>path("items[0].history[3].note").contains("bridge-b"));
            assertEquals("SYSTEM", woken.path("items[0].history[2].actorKind"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseThatRanOutUnsweptIsInTheHistoryOfTheNextClaim() {
        long id = file();
        claim(officer, Map.of("limit", 1, "leaseSeconds", 10));
        clock.advance(java.time.Duration.ofSeconds(11));
        ExtractableResponse<Response> again = claim(officer, Map.of("limit", 1, "leaseSeconds", 10));
        assertEquals(List.of((int) id), again.path("items.id"));
        assertEquals(List.of("FILED", "CLAIMED", "LEASE_EXPIRED", "CLAIMED"), again.path("items[0].history.type"));
        // the sweep finds nothing left to end for it
        claims.endExpiredLeases();
        assertEquals(1L, Db.count("select count(*) from request_event where request_id = ?1 and type = 'LEASE_EXPIRED'", id));
    }

    @Test
    void whoHoldsWhatIsInTheQueue() {
        long held = file();
        long taken = file();
        String claimId = claim(officer, Map.of("limit", 1, "leaseSeconds", 60, "consumer", "bridge-a")).path("claimId");
        long claimed = held; // oldest due first: the first filed
        act(officer, claimed, "accept", Map.of("claimId", claimId), null);
        String etag = etag(taken, officer);
        act(officer, taken, "accept", Map.of(), etag);
        ExtractableResponse<Response> page = given().auth().oauth2(officer).get("/api/v1/queue?sort=FILED").then().statusCode(200).extract();
        assertEquals(List.of("IN_PROGRESS", "IN_PROGRESS"), page.path("items.status"));
        assertNotNull(page.path("items[0].assignedToName"));
        assertEquals((String) page.path("items[0].assignedTo"), page.path("items[1].assignedTo"));
        long third = file();
        claim(officer, Map.of("limit", 1, "leaseSeconds", 60, "consumer", "bridge-c"));
        given().auth().oauth2(officer).get("/api/v1/queue?status=SUBMITTED").then().statusCode(200)
                .body("items.id", contains((int) third))
                .body("items[0].claimedBy", endsWith("/bridge-c"))
                .body("items[0].leaseUntil", notNullValue());
    }
}
