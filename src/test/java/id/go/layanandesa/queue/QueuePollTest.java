package id.go.layanandesa.queue;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.OwnQueue;
import id.go.layanandesa.support.TestAccounts;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How fresh an unchanged-queue answer (304) is: a change this instance committed is never hidden from a poll
 * that comes after it; a change another instance committed shows as soon as its notification arrives; and an
 * unchanged queue is answered from memory, without the database.
 */
@QuarkusTest
class QueuePollTest {

    static final String DESA = "73.24.08.1003"; // Tomoni: no other test files here

    @Inject
    AgroalDataSource dataSource;

    long opd;
    String officer;
    String desaOfficer;

    @BeforeEach
    void ownQueue() {
        opd = OwnQueue.open(DESA, "TEST_P_");
        officer = TestAccounts.opdOfficer(opd);
        desaOfficer = TestAccounts.desaOfficer(DESA);
    }

    @AfterEach
    void cleanUp() {
        OwnQueue.close(DESA);
    }

    String etag() {
        return given().auth().oauth2(officer).get("/api/v1/queue").then().statusCode(200).extract().header("ETag");
    }

    int poll(String etag) {
        return given().auth().oauth2(officer).header("If-None-Match", etag).get("/api/v1/queue").then().extract().statusCode();
    }

    @Test
    void aChangeThisInstanceCommittedIsNeverHiddenByA304() {
        for (int i = 0; i < 20; i++) {
            String before = etag();
            Filings.fileOne(desaOfficer);
            assertEquals(200, poll(before), "round " + i + ": the poll right after the filing sees it");
        }
    }

    @Test
    void aChangeAnotherInstanceCommittedShowsWhenItsNotificationArrives() throws Exception {
        String before = etag();
        assertEquals(304, poll(before));
        // what another instance's commit does: the version moves and every instance is told
        Db.single("""
                with bumped as (
                    insert into opd_queue_state as q (opd_id, version, changed_at) values (?1, 1, now())
                    on conflict (opd_id) do update set version = q.version + 1 returning opd_id, version)
                select pg_notify('layanan_queue', opd_id || ':' || version || ':0') from bumped""", opd);
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status = 304;
        while (status == 304 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            status = poll(before);
        }
        assertEquals(200, status, "the notification reached this instance within 5 s");
        assertNotEquals(before, etag());
    }

    @Test
    void anUnchangedQueueIsAnsweredWithoutTheDatabase() {
        String etag = etag();
        assertEquals(304, poll(etag)); // the caller's session and scope are now known to this instance too
        long acquired = dataSource.getMetrics().acquireCount();
        int polls = 50;
        for (int i = 0; i < polls; i++) {
            assertEquals(304, poll(etag));
        }
        long taken = dataSource.getMetrics().acquireCount() - acquired;
        // the service's own background work (the lease sweep every 2 s) may take one meanwhile; a poll never does
        assertTrue(taken < 5, taken + " connections were taken during " + polls + " unchanged polls");
    }
}
