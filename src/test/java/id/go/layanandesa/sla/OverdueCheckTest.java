package id.go.layanandesa.sla;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.StandardsKabupaten;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Escalation: a running request past its due date, in its kabupaten's calendar, is flagged overdue once, with an
 * OVERDUE history entry; NEEDS_INFO is left out; a due date moved past today lifts the flag and a new breach is
 * recorded again; concurrent checks (as on several instances) flag each request once.
 */
@QuarkusTest
class OverdueCheckTest {

    @Inject
    OverdueCheck check;

    @AfterEach
    void realTime() {
        StandardsKabupaten.realTime();
    }

    static Instant local(String zone, String at) {
        return LocalDateTime.parse(at).atZone(ZoneId.of(zone)).toInstant();
    }

    static long overdueEntries(long id) {
        return Db.count("select count(*) from request_event where request_id = ?1 and type = 'OVERDUE'", id);
    }

    @Test
    void aRunningRequestPastItsDueDayIsFlaggedOnceAtMidnightInItsZone() {
        StandardsKabupaten wita = StandardsKabupaten.of("73.92");
        StandardsKabupaten wib = StandardsKabupaten.of("35.91");
        // LAYANAN_B (3 working days) filed Monday 2 March 2026: due Thursday 5
        long late = wita.file(wita.desa1, wita.serviceB, local("Asia/Makassar", "2026-03-02T10:00"));
        long waiting = wita.file(wita.desa2, wita.serviceB, local("Asia/Makassar", "2026-03-02T10:00"));
        wita.requestInfo(waiting, wita.opdB, local("Asia/Makassar", "2026-03-03T10:00"));
        long wibLate = wib.file(wib.desa1, wib.serviceB, local("Asia/Jakarta", "2026-03-02T10:00"));
        long done = wita.file(wita.desa3, wita.serviceB, local("Asia/Makassar", "2026-03-02T10:00"));
        wita.accept(done, wita.opdB, local("Asia/Makassar", "2026-03-03T10:00"));
        wita.complete(done, wita.opdB, local("Asia/Makassar", "2026-03-04T10:00"));

        // 23:59 WITA on the due day: not yet
        StandardsKabupaten.at(local("Asia/Makassar", "2026-03-05T23:59"));
        check.run();
        assertEquals(0, overdueEntries(late));
        // 00:30 WITA on Friday is still 23:30 on Thursday in WIB: WITA's request is overdue, WIB's not yet
        StandardsKabupaten.at(local("Asia/Makassar", "2026-03-06T00:30"));
        check.run();
        assertEquals(1, overdueEntries(late));
        assertEquals(0, overdueEntries(wibLate));
        assertEquals(0, overdueEntries(waiting), "NEEDS_INFO: its clock stands still");
        assertEquals(0, overdueEntries(done));
        var history = wita.read(late).jsonPath();
        assertEquals("OVERDUE", history.getString("history[-1].type"));
        assertEquals("past its due date 2026-03-05 and not finished", history.getString("history[-1].note"));
        assertEquals("SUBMITTED", history.getString("history[-1].toStatus"));
        assertTrue(history.getBoolean("overdue"));
        assertEquals(1, history.getInt("version"), "the history changed: so did the version");
        // later checks record nothing more
        StandardsKabupaten.at(local("Asia/Makassar", "2026-03-09T08:00"));
        check.run();
        check.run();
        assertEquals(1, overdueEntries(late));
        assertEquals(1, overdueEntries(wibLate));
        // the waiting request is not overdue in any list either
        given().auth().oauth2(wita.opdOfficer(wita.opdB)).get("/api/v1/queue?overdue=true").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) waiting)))
                .body("items.id", org.hamcrest.Matchers.hasItem((int) late));
    }

    @Test
    void aBreachThatLastsThroughRoundsOfWaitingIsRecordedOnce() {
        StandardsKabupaten k = StandardsKabupaten.of("73.93");
        long id = k.file(k.desa1, k.serviceB, local("Asia/Makassar", "2026-03-02T10:00"));
        String opd = Long.toString(k.opdB);
        StandardsKabupaten.at(local("Asia/Makassar", "2026-03-06T09:00"));
        check.run();
        assertEquals(1, overdueEntries(id));
        assertEquals(1L, Db.count("select overdue from stat_backlog where kabupaten_code = ?1 and dim = 'O' and grp = ?2", k.code, opd));
        k.requestInfo(id, k.opdB, local("Asia/Makassar", "2026-03-06T10:00"));
        assertEquals(0L, Db.count("select overdue from stat_backlog where kabupaten_code = ?1 and dim = 'O' and grp = ?2", k.code, opd),
                "waiting on the desa is no overdue work");
        // asked Friday 6, supplied Wednesday 11: Mon 9, Tue 10, Wed 11 waited: due Thu 5 → Tue 10, still before today
        k.supplyInfo(id, k.desa1, local("Asia/Makassar", "2026-03-11T10:00"));
        assertEquals("2026-03-10", k.read(id).path("dueDate"));
        assertTrue(Db.single("select overdue_flagged_at from service_request where id = ?1", id) != null, "the same breach goes on");
        check.run();
        assertEquals(1, overdueEntries(id), "and is not recorded twice");
        assertEquals(1L, Db.count("select overdue from stat_backlog where kabupaten_code = ?1 and dim = 'O' and grp = ?2", k.code, opd));
    }

    /**
     * A breach ends only when the due date moves to the day the request comes back or later: when no working day
     * passed between the due date and the request for information (here the weekend).
     */
    @Test
    void aDueDateMovedToTodayOrLaterEndsTheBreachAndTheNextBreachIsRecordedAgain() {
        StandardsKabupaten k = StandardsKabupaten.of("73.94");
        String opd = Long.toString(k.opdB);
        // filed Tuesday 3 March: due Friday 6; flagged on Saturday 7
        long id = k.file(k.desa2, k.serviceB, local("Asia/Makassar", "2026-03-03T10:00"));
        StandardsKabupaten.at(local("Asia/Makassar", "2026-03-07T08:00"));
        check.run();
        assertEquals(1, overdueEntries(id));
        // asked on Saturday 7, supplied on Monday 9: Monday waited: due Fri 6 → Mon 9, which is today: the breach is over
        k.requestInfo(id, k.opdB, local("Asia/Makassar", "2026-03-07T09:00"));
        k.supplyInfo(id, k.desa2, local("Asia/Makassar", "2026-03-09T10:00"));
        assertEquals("2026-03-09", k.read(id).path("dueDate"));
        assertEquals(null, Db.single("select overdue_flagged_at from service_request where id = ?1", id));
        assertTrue(!k.read(id).jsonPath().getBoolean("overdue"));
        assertEquals(0L, Db.count("select overdue from stat_backlog where kabupaten_code = ?1 and dim = 'O' and grp = ?2", k.code, opd));
        check.run();
        assertEquals(1, overdueEntries(id));
        // passing the new due date is a new breach, recorded again
        StandardsKabupaten.at(local("Asia/Makassar", "2026-03-10T00:10"));
        check.run();
        assertEquals(2, overdueEntries(id));
        assertEquals(1L, Db.count("select overdue from stat_backlog where kabupaten_code = ?1 and dim = 'O' and grp = ?2", k.code, opd));
    }

    @Test
    void checksRunningAtOnceFlagEachRequestOnce() throws Exception {
        StandardsKabupaten k = StandardsKabupaten.of("73.95");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(k.file(i % 2 == 0 ? k.desa1 : k.desa3, k.serviceB, local("Asia/Makassar", "2026-03-02T10:00")));
        }
        StandardsKabupaten.at(local("Asia/Makassar", "2026-03-10T08:00"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(check::run);
            }
            int flagged = 0;
            for (Future<Integer> f : pool.invokeAll(runs)) {
                flagged += f.get();
            }
            assertTrue(flagged >= ids.size(), "other kabupaten's overdue requests may be flagged too");
        } finally {
            pool.shutdownNow();
        }
        for (long id : ids) {
            assertEquals(1, overdueEntries(id), "request " + id);
        }
        assertEquals(24L, Db.count("select sum(overdue) from stat_backlog where kabupaten_code = ?1 and dim = 'O'", k.code));
    }
}
