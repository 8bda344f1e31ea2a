package id.go.layanandesa.sla;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.StandardsKabupaten;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clock of a time limit stands still in NEEDS_INFO: the due date moves on by the working days waited, across
 * weekends and holidays, over several rounds, in the kabupaten's own zone, and the history says so.
 * Calendar: March 2026 begins on a Sunday (Mon 2, Mon 9, Mon 16 ...).
 */
@QuarkusTest
class SlaClockTest {

    /** WITA (Sulawesi Selatan's code), with a holiday on Monday 16 March 2026. */
    static final StandardsKabupaten WITA = StandardsKabupaten.of("73.90");

    @AfterEach
    void realTime() {
        StandardsKabupaten.realTime();
    }

    static Instant wita(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(java.time.ZoneId.of("Asia/Makassar")).toInstant();
    }

    @Test
    void theDueDateMovesByTheWorkingDaysWaitedOverSeveralRoundsAcrossWeekendsAndHolidays() {
        StandardsKabupaten k = WITA;
        k.holiday(LocalDate.of(2026, 3, 16));
        long id = k.file(k.desa1, k.serviceA, wita("2026-03-02T10:00"));
        // 5 working days from Monday 2 March: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9
        assertEquals("2026-03-09", k.read(id).path("dueDate"));
        k.accept(id, k.opdA, wita("2026-03-02T11:00"));
        // round 1: asked Wednesday 4, supplied Monday 9: Thu 5, Fri 6, Mon 9 waited (the weekend is no working day)
        k.requestInfo(id, k.opdA, wita("2026-03-04T10:00"));
        k.supplyInfo(id, k.desa1, wita("2026-03-09T09:00"));
        JsonPath after1 = k.read(id).jsonPath();
        assertEquals("2026-03-12", after1.getString("dueDate"), "Mon 9 + 3 working days: Tue 10, Wed 11, Thu 12");
        List<Map<String, Object>> history = after1.getList("history");
        Map<String, Object> moved = history.get(history.size() - 1);
        assertEquals("DUE_DATE_MOVED", moved.get("type"));
        assertEquals("INFO_SUPPLIED", history.get(history.size() - 2).get("type"), "the move follows the change that resumed the clock");
        assertEquals("the clock stood still 3 working days in NEEDS_INFO (2026-03-04 to 2026-03-09): due 2026-03-09 → 2026-03-12",
                moved.get("note"));
        assertEquals("SYSTEM", moved.get("actorKind"));
        // round 2: asked Thursday 12, supplied Tuesday 17: Fri 13 and Tue 17 waited, Monday 16 is a holiday
        k.requestInfo(id, k.opdA, wita("2026-03-12T14:00"));
        k.supplyInfo(id, k.desa1, wita("2026-03-17T08:00"));
        assertEquals("2026-03-17", k.read(id).path("dueDate"), "Thu 12 + 2 working days: Fri 13, (Mon 16 holiday), Tue 17");
        assertEquals(5L, Db.count("select paused_days from request_sla where request_id = ?1", id), "the rounds add up");
        assertEquals(2L, Db.count("select count(*) from request_event where request_id = ?1 and type = 'DUE_DATE_MOVED'", id));
    }

    @Test
    void infoSuppliedTheSameDayMovesNothing() {
        StandardsKabupaten k = WITA;
        long id = k.file(k.desa2, k.serviceB, wita("2026-03-02T08:00"));
        k.requestInfo(id, k.opdB, wita("2026-03-02T09:00"));
        k.supplyInfo(id, k.desa2, wita("2026-03-02T15:00"));
        assertEquals("2026-03-05", k.read(id).path("dueDate"));
        assertEquals(0L, Db.count("select count(*) from request_event where request_id = ?1 and type = 'DUE_DATE_MOVED'", id));
    }

    @Test
    void anAdminReassigningAWaitingRequestResumesItsClockToo() {
        StandardsKabupaten k = WITA;
        long id = k.file(k.desa3, k.serviceB, wita("2026-03-02T08:00"));
        k.requestInfo(id, k.opdB, wita("2026-03-02T09:00"));
        StandardsKabupaten.at(wita("2026-03-04T09:00"));
        io.restassured.RestAssured.given().auth().oauth2(k.admin()).contentType("application/json").header("If-Match", k.etag(id))
                .body(Map.of("toOpdId", k.opdA, "reason", "Salah tujuan"))
                .post("/api/v1/queue/requests/" + id + "/reassign").then().statusCode(200);
        assertEquals("2026-03-09", k.read(id).path("dueDate"), "Thu 5 + 2 waited (Tue 3, Wed 4): Fri 6, Mon 9");
    }

    /**
     * The same two instants an hour apart, around midnight in one of the three zones: only there did a day pass.
     * 14:30Z is 21:30 WIB, 22:30 WITA, 23:30 WIT; 15:30Z is 22:30 WIB, 23:30 WITA, 00:30 WIT; 16:30Z is 23:30 WIB,
     * 00:30 WITA, 01:30 WIT; 17:30Z is 00:30 WIB.
     */
    @ParameterizedTest(name = "{0}: asked {1}, supplied {2}: {3} day(s) waited")
    @CsvSource({
            "35.90, 2026-03-03T16:30:00Z, 2026-03-03T17:30:00Z, 1",
            "35.90, 2026-03-03T15:30:00Z, 2026-03-03T16:30:00Z, 0",
            "73.91, 2026-03-03T15:30:00Z, 2026-03-03T16:30:00Z, 1",
            "73.91, 2026-03-03T16:30:00Z, 2026-03-03T17:30:00Z, 0",
            "94.90, 2026-03-03T14:30:00Z, 2026-03-03T15:30:00Z, 1",
            "94.90, 2026-03-03T15:30:00Z, 2026-03-03T16:30:00Z, 0"})
    void aDayWaitedIsADayInTheKabupatensZone(String kabupaten, Instant asked, Instant supplied, int waited) {
        StandardsKabupaten k = StandardsKabupaten.of(kabupaten);
        long id = k.file(k.desa1, k.serviceB, Instant.parse("2026-03-03T01:00:00Z"));
        String due = k.read(id).path("dueDate");
        assertEquals("2026-03-06", due, "Tuesday 3 + 3 working days in every zone");
        k.requestInfo(id, k.opdB, asked);
        k.supplyInfo(id, k.desa1, supplied);
        assertEquals(LocalDate.of(2026, 3, 6).plusDays(waited == 1 ? 3 : 0).toString(), k.read(id).path("dueDate"),
                "Fri 6 + 1 working day is Mon 9");
        assertEquals(waited, Db.count("select coalesce(sum(paused_days), 0) from request_sla where request_id = ?1", id));
    }

    @Test
    void sqlAndJavaCountWorkingDaysAndZonesAlike() {
        StandardsKabupaten k = WITA;
        k.holiday(LocalDate.of(2026, 3, 16));
        String[][] cases = {{"2026-03-02", "2026-03-02"}, {"2026-03-02", "2026-03-03"}, {"2026-03-06", "2026-03-09"},
                {"2026-03-13", "2026-03-17"}, {"2026-03-01", "2026-03-31"}, {"2026-03-10", "2026-03-01"}};
        id.go.layanandesa.holiday.WorkingDays workingDays = jakarta.enterprise.inject.spi.CDI.current()
                .select(id.go.layanandesa.holiday.WorkingDays.class).get();
        for (String[] c : cases) {
            LocalDate a = LocalDate.parse(c[0]);
            LocalDate b = LocalDate.parse(c[1]);
            int java = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> workingDays.between(k.code, a, b));
            assertEquals(java, Db.count("select working_days_between(?1, ?2, ?3)", k.code, a, b), c[0] + " to " + c[1]);
        }
        for (int province = 11; province <= 99; province++) {
            String code = province + ".01";
            assertEquals(id.go.layanandesa.common.TimeZones.forRegion(code).getId(), Db.single("select layanan_zone(?1)", code),
                    "zone of province " + province);
        }
        assertTrue(Db.count("select count(*) from holiday where kabupaten_code = ?1", k.code) >= 1);
    }
}
