package id.go.layanandesa.request;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestClock;
import id.go.layanandesa.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/**
 * A due date counts working days from the filing day in the kabupaten's own zone: WIB (UTC+7), WITA (UTC+8) or WIT
 * (UTC+9). Near midnight the same instant is Thursday in one zone and already Friday in another.
 */
@QuarkusTest
class DueDateZonesTest {

    @Inject
    TestClock clock;

    @ParameterizedTest(name = "{0} ({1}) filed at {2}: due {3}")
    @CsvSource({
            // 16:30 UTC on Thursday 26 Nov 2026 is 23:30 WIB (still Thursday), 00:30 WITA and 01:30 WIT (Friday)
            "19.99, WIB,  2026-11-26T16:30:00Z, 2026-12-16",
            "51.99, WITA, 2026-11-26T16:30:00Z, 2026-12-17",
            "91.99, WIT,  2026-11-26T16:30:00Z, 2026-12-17",
            // 15:30 UTC is 22:30 WIB and 23:30 WITA (Thursday), 00:30 WIT (Friday)
            "19.99, WIB,  2026-11-26T15:30:00Z, 2026-12-16",
            "51.99, WITA, 2026-11-26T15:30:00Z, 2026-12-16",
            "91.99, WIT,  2026-11-26T15:30:00Z, 2026-12-17",
            // 15:30 UTC on Sunday 29 Nov is 00:30 WIT on Monday, a working day; 23:30 WITA is still Sunday
            "91.99, WIT,  2026-11-29T15:30:00Z, 2026-12-18",
            "51.99, WITA, 2026-11-29T15:30:00Z, 2026-12-17"})
    void theFilingDayIsTheDayInTheKabupatensZone(String kabupaten, String zone, Instant filedAt, String due) {
        ScratchKabupaten.regionsOnly(kabupaten);
        Tenants.onboard(kabupaten, Tenants.smallDocument(kabupaten, "Zona " + zone));
        String officer = TestAccounts.desaOfficer(kabupaten + ".01.2001"); // signed on the real clock, before it is pinned
        long ktp = Db.serviceType(kabupaten, "KTP_BARU"); // 14 working days
        clock.pin(filedAt);
        try {
            given().auth().oauth2(officer).contentType(ContentType.JSON)
                    .body(Map.of("serviceTypeId", ktp, "citizen", Map.of("nik", "7324044107900001", "name", "Siti Rahmawati"),
                            "documents", List.of(Map.of("code", "KK", "provision", "ON_PAPER"))))
                    .post("/api/v1/requests").then().statusCode(201).body("dueDate", is(due));
        } finally {
            clock.reset();
        }
    }
}
