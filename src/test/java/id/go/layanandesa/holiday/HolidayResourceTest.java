package id.go.layanandesa.holiday;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class HolidayResourceTest {

    @Inject
    WorkingDays workingDays;

    static ValidatableResponse post(String token, String date, String name) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("date", date, "name", name))
                .when().post("/api/v1/holidays").then();
    }

    @Test
    void adminAddsListsAndRemovesHolidaysOfAYear() {
        String k = ScratchKabupaten.ensure("86.07");
        String admin = TestAccounts.admin(k);
        post(admin, "2027-03-22", "Hari Raya Idulfitri 1448 H").statusCode(201)
                .header("Location", endsWith("/api/v1/holidays/2027-03-22"))
                .body("date", is("2027-03-22")).body("name", is("Hari Raya Idulfitri 1448 H"));
        post(admin, "2027-01-01", "Tahun Baru 2027 Masehi").statusCode(201);
        post(admin, "2028-01-01", "Tahun Baru 2028 Masehi").statusCode(201);
        post(admin, "2027-03-22", "Lagi").statusCode(409).body("code", is("DUPLICATE_HOLIDAY"));

        given().auth().oauth2(TestAccounts.viewer(k)).queryParam("year", 2027).when().get("/api/v1/holidays")
                .then().statusCode(200)
                .body("date", contains("2027-01-01", "2027-03-22"))
                .body("name", contains("Tahun Baru 2027 Masehi", "Hari Raya Idulfitri 1448 H"));
        given().auth().oauth2(TestAccounts.viewer(k)).queryParam("year", 2030).when().get("/api/v1/holidays")
                .then().statusCode(200).body("$", empty());

        given().auth().oauth2(admin).when().delete("/api/v1/holidays/2027-03-22").then().statusCode(204);
        assertNull(QuarkusTransaction.requiringNew().call(() -> Holiday.findById(new Holiday.Key(k, LocalDate.of(2027, 3, 22)))));
        given().auth().oauth2(admin).when().delete("/api/v1/holidays/2027-03-22").then().statusCode(404);
        given().auth().oauth2(admin).when().delete("/api/v1/holidays/22-03-2027").then().statusCode(400)
                .body("violations[0].field", is("date"));
    }

    @Test
    @OffContractRequests("invalid holidays")
    void badInputIsAViolation() {
        String admin = TestAccounts.admin("73.24");
        post(admin, "2026-13-01", "Bulan ketiga belas").statusCode(400).body("violations[0].field", is("date"));
        post(admin, "2026-11-30", " ").statusCode(400).body("violations[0].field", is("name"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Tanpa tanggal"))
                .when().post("/api/v1/holidays").then().statusCode(400).body("violations[0].field", is("date"));
        given().auth().oauth2(admin).queryParam("year", 1800).when().get("/api/v1/holidays")
                .then().statusCode(400).body("violations[0].field", is("year"));
    }

    @Test
    void onlyAdminsWriteAndEachKabupatenHasItsOwnHolidays() {
        post(TestAccounts.viewer("73.24"), "2026-11-30", "Bukan hak").statusCode(403);
        post(TestAccounts.desaOfficer("73.24.04.2001"), "2026-11-30", "Bukan hak").statusCode(403);
        given().auth().oauth2(TestAccounts.viewer("73.24")).when().delete("/api/v1/holidays/2026-12-25").then().statusCode(403);
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001")).queryParam("year", 2026).when().get("/api/v1/holidays")
                .then().statusCode(200).body("date", hasItems("2026-12-24", "2026-12-25"));
        OtherKabupaten.ensure();
        String otherAdmin = TestAccounts.admin(OtherKabupaten.KABUPATEN);
        given().auth().oauth2(otherAdmin).queryParam("year", 2026).when().get("/api/v1/holidays")
                .then().statusCode(200).body("date", not(hasItem("2026-12-25")));
        given().auth().oauth2(otherAdmin).when().delete("/api/v1/holidays/2026-12-25").then().statusCode(404);
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> Holiday.findById(new Holiday.Key("73.24", LocalDate.of(2026, 12, 25)))));
    }

    @Test
    void dueDatesSkipWeekendsAndTheKabupatensHolidays() {
        String k = ScratchKabupaten.ensure("86.08");
        String admin = TestAccounts.admin(k);
        post(admin, "2027-02-08", "Libur uji Senin").statusCode(201);
        // Friday 5 Feb 2027, 10:00 WIB: Saturday and Sunday are skipped, Monday is a holiday
        Instant friday = Instant.parse("2027-02-05T03:00:00Z");
        assertEquals(LocalDate.of(2027, 2, 9), QuarkusTransaction.requiringNew().call(() -> workingDays.dueDate(k, friday, 1)));
        assertEquals(LocalDate.of(2027, 2, 15), QuarkusTransaction.requiringNew().call(() -> workingDays.dueDate(k, friday, 5)));
        // without the holiday: plain weekend
        assertEquals(LocalDate.of(2027, 2, 8), QuarkusTransaction.requiringNew().call(() -> workingDays.dueDate("86.09", friday, 1)));
    }

    @Test
    void dueDatesCountFromTheLocalDateInTheKabupatensZone() {
        // 16:30 UTC on Tuesday 22 Dec 2026 is already Wednesday 23 Dec 00:30 in Luwu Timur (WITA); 24 and 25 Dec are
        // the demo kabupaten's holidays, 26-27 the weekend
        Instant lateTuesdayUtc = Instant.parse("2026-12-22T16:30:00Z");
        assertEquals(LocalDate.of(2026, 12, 28), QuarkusTransaction.requiringNew().call(() -> workingDays.dueDate("73.24", lateTuesdayUtc, 1)));
        assertEquals(LocalDate.of(2026, 12, 30), QuarkusTransaction.requiringNew().call(() -> workingDays.dueDate("73.24", lateTuesdayUtc, 3)));
    }
}
