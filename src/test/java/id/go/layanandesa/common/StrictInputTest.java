package id.go.layanandesa.common;

import id.go.layanandesa.support.TestClock;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Input that once answered 500 or was stored altered, sent as raw JSON the way an attacker or a broken client
 * would: each class of bad value is a 400 naming the field, and nothing is stored.
 */
@QuarkusTest
@OffContractRequests("text, numbers and dates the spec itself refuses, sent to see the service refuse them too")
class StrictInputTest {

    static final String DESA = "73.24.04.2001";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String filing(String citizenName, String answers) {
        return """
                {"serviceTypeId": %d,
                 "citizen": {"nik": "7324044107900001", "name": "%s", "phone": "081234567890"},
                 "answers": {%s},
                 "documents": [{"code": "SURAT_KETERANGAN_LAHIR", "provision": "ON_PAPER"}, {"code": "KK", "provision": "ATTACHED"}],
                 "note": "N"}""".formatted(Db.serviceType("73.24", "AKTA_KELAHIRAN"), citizenName, answers);
    }

    static String answers(String tanggalLahir, String anakKe) {
        return """
                "nama_bayi": "Aminah", "tanggal_lahir": "%s", "jenis_kelamin": "PEREMPUAN", "anak_ke": %s, \
                "tempat_lahir": "Malili\"""".formatted(tanggalLahir, anakKe);
    }

    static String validFiling() {
        return filing("Siti Rahmawati", answers("2026-11-20", "2"));
    }

    static ValidatableResponse post(String token, String path, String json) {
        return given().auth().oauth2(token).contentType("application/json").body(json).post(path).then();
    }

    static long requestRows() {
        return Db.count("select count(*) from service_request");
    }

    static Stream<Arguments> badFilings() {
        String ok = validFiling();
        return Stream.of(
                Arguments.of("unpaired high surrogate in the name", filing("Siti \\ud800 Rahmawati", answers("2026-11-20", "2")),
                        "citizen.name", "surrogate"),
                Arguments.of("unpaired low surrogate in the name", filing("Siti \\udc00", answers("2026-11-20", "2")),
                        "citizen.name", "surrogate"),
                Arguments.of("NUL in the note", ok.replace("\"note\": \"N\"", "\"note\": \"N\\u0000\""), "note", "NUL"),
                Arguments.of("NUL in a document code", ok.replace("\"code\": \"KK\"", "\"code\": \"K\\u0000K\""), "documents[1].code", "NUL"),
                Arguments.of("NUL inside a list answer", filing("Siti", answers("2026-11-20", "2").replace("\"Aminah\"", "[\"A\\u0000\"]")),
                        "answers.nama_bayi[0]", "NUL"),
                Arguments.of("surrogate in an unknown answer", filing("Siti", answers("2026-11-20", "2") + ", \"x\": \"\\ud800\""),
                        "answers.x", "surrogate"),
                Arguments.of("number too large for a double", filing("Siti", answers("2026-11-20", "1e999999")), "answers.anak_ke", "too large"),
                Arguments.of("negative number too large", filing("Siti", answers("2026-11-20", "-1e999999")), "answers.anak_ke", "too large"),
                Arguments.of("huge number in a whole-number field", ok.replaceFirst("\"serviceTypeId\": \\d+", "\"serviceTypeId\": 1e999999"),
                        "serviceTypeId", "whole number"),
                Arguments.of("fraction in a whole-number field", ok.replaceFirst("\"serviceTypeId\": (\\d+)", "\"serviceTypeId\": $1.5"),
                        "serviceTypeId", "whole number"),
                Arguments.of("whole number beyond a long", ok.replaceFirst("\"serviceTypeId\": \\d+", "\"serviceTypeId\": 99999999999999999999"),
                        "serviceTypeId", "whole number"),
                Arguments.of("date in year 9999", filing("Siti", answers("9999-12-31", "2")), "answers.tanggal_lahir", "between"),
                Arguments.of("date in year +99999", filing("Siti", answers("+99999-01-01", "2")), "answers.tanggal_lahir", "between"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFilings")
    void badValuesAreRefusedNamingTheFieldAndNothingIsStored(String name, String json, String field, String message) {
        long before = requestRows();
        post(TestAccounts.desaOfficer(DESA), "/api/v1/requests", json).statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("VALIDATION_FAILED"))
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.message", containsString(message));
        assertEquals(before, requestRows());
    }

    @Test
    void theSameFilingWithoutTheBadValueIsFiled() {
        post(TestAccounts.desaOfficer(DESA), "/api/v1/requests", validFiling()).statusCode(201);
    }

    @Test
    void anythingAfterTheJsonBodyIsRefused() {
        long before = requestRows();
        for (String trailing : new String[]{" garbage", "{}", "]", " {\"serviceTypeId\": 1}"}) {
            post(TestAccounts.desaOfficer(DESA), "/api/v1/requests", validFiling() + trailing).statusCode(400)
                    .contentType("application/problem+json").body("code", is("MALFORMED_JSON"));
        }
        assertEquals(before, requestRows());
    }

    @Test
    void aFractionForAWholeNumberIsRefusedNotTruncated() {
        long opd = TestAccounts.opd("73.24", "DISDUKCAPIL");
        post(TestAccounts.opdOfficer(opd), "/api/v1/queue/claims", "{\"limit\": 4.5, \"waitSeconds\": 0}").statusCode(400)
                .body("violations[0].field", is("limit"))
                .body("violations[0].message", containsString("whole number"));
    }

    @Test
    void typedDatesOutsideTheSaneRangeAreRefused() {
        String admin = TestAccounts.admin("73.24");
        for (String date : new String[]{"9999-12-31", "+99999-01-01", "1800-01-01"}) {
            post(admin, "/api/v1/holidays", "{\"date\": \"" + date + "\", \"name\": \"Libur\"}").statusCode(400)
                    .body("violations[0].field", is("date"))
                    .body("violations[0].message", containsString("between 1900-01-01 and 2200-12-31"));
        }
        assertEquals(0L, Db.count("select count(*) from holiday where extract(year from day) > 2200 or extract(year from day) < 1900"));
    }

    @Test
    void aPastEventsDateMayNotBeAfterTodayInTheKabupatensZone() {
        String officer = TestAccounts.desaOfficer(DESA);
        // 15:30 UTC is 23:30 in Luwu Timur (WITA): 30 November is tomorrow there
        clock.pin(Instant.parse("2026-11-29T15:30:00Z"));
        post(officer, "/api/v1/requests", filing("Siti", answers("2026-11-30", "2"))).statusCode(400)
                .body("violations[0].field", is("answers.tanggal_lahir"))
                .body("violations[0].message", containsString("must not be after today (2026-11-29)"));
        post(officer, "/api/v1/requests", filing("Siti", answers("2026-11-29", "2"))).statusCode(201);
        // an hour later it is 30 November in WITA although still the 29th in UTC
        clock.pin(Instant.parse("2026-11-29T16:30:00Z"));
        post(officer, "/api/v1/requests", filing("Siti", answers("2026-11-30", "2"))).statusCode(201);
    }

    @Test
    void supplyingInformationChecksDatesAndTextToo() {
        String officer = TestAccounts.desaOfficer(DESA);
        long id = ((Number) post(officer, "/api/v1/requests", validFiling()).statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(TestAccounts.admin("73.24")).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("missing", java.util.List.of("Tanggal lahir yang benar")))
                .post("/api/v1/queue/requests/" + id + "/request-info").then().statusCode(200).body("status", is("NEEDS_INFO"));
        String[][] cases = {
                {"{\"answers\": {\"tanggal_lahir\": \"2099-01-01\"}}", "answers.tanggal_lahir", "must not be after today"},
                {"{\"answers\": {\"tanggal_lahir\": \"+99999-01-01\"}}", "answers.tanggal_lahir", "between"},
                {"{\"answers\": {\"nama_bayi\": \"Ami\\u0000nah\"}}", "answers.nama_bayi", "NUL"},
                {"{\"note\": \"\\ud800\"}", "note", "surrogate"},
        };
        for (String[] c : cases) {
            given().auth().oauth2(officer).contentType("application/json").header("If-Match", "\"1\"").body(c[0])
                    .post("/api/v1/requests/" + id + "/supply-info").then().statusCode(400)
                    .body("violations.field", hasItem(c[1]))
                    .body("violations.find { it.field == '" + c[1] + "' }.message", containsString(c[2]));
        }
        assertEquals("2026-11-20", Db.single("select answers ->> 'tanggal_lahir' from service_request where id = ?1", id));
        assertEquals("NEEDS_INFO", Db.single("select status from service_request where id = ?1", id));
    }

    @Test
    void aBadItemInABatchIsRefusedNamingItsPlace() {
        long before = requestRows();
        String batch = "{\"items\": [{\"idempotencyKey\": \"strict-1\", \"filing\": " + validFiling() + "},"
                + " {\"idempotencyKey\": \"strict-2\", \"filing\": " + filing("Si\\u0000ti", answers("2026-11-20", "2")) + "}]}";
        post(TestAccounts.desaOfficer(DESA), "/api/v1/requests/batch", batch).statusCode(400)
                .body("violations[0].field", is("items[1].filing.citizen.name"));
        assertEquals(before, requestRows());
    }

    @Test
    void nulInAQueryParameterOrThePathIsA400NamingIt() {
        String viewer = TestAccounts.viewer("73.24");
        given().auth().oauth2(viewer).urlEncodingEnabled(false).get("/api/v1/regions/search?kabupaten=73.24&q=ma%00li").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("INVALID_PARAMETER"))
                .body("violations[0].field", is("q"))
                .body("violations[0].message", containsString("NUL"));
        given().auth().oauth2(viewer).urlEncodingEnabled(false).get("/api/v1/regions/73.24%00").then()
                .statusCode(400).body("code", is("INVALID_PARAMETER")).body("detail", containsString("path"));
        given().urlEncodingEnabled(false).get("/api/v1/tracking/AB%00C").then().statusCode(400).body("code", is("INVALID_PARAMETER"));
        given().auth().oauth2(TestAccounts.desaOfficer(DESA)).urlEncodingEnabled(false).get("/api/v1/requests?cursor=%07").then()
                .statusCode(400).body("violations[0].field", is("cursor"));
    }

    @Test
    void textOfOtherRecordsFollowsTheSameRule() {
        String admin = TestAccounts.admin("73.24");
        post(admin, "/api/v1/accounts", "{\"username\": \"strict-x\", \"displayName\": \"Budi\\u0000\", \"role\": \"VIEWER\", "
                + "\"password\": \"Strict2026pass\"}").statusCode(400).body("violations[0].field", is("displayName"));
        assertEquals(0L, Db.count("select count(*) from account where username = 'strict-x'"));
        post(admin, "/api/v1/holidays", "{\"date\": \"2031-01-02\", \"name\": \"Libur \\ud83d\"}").statusCode(400)
                .body("violations[0].field", is("name"));
    }

    @Test
    void regionNamesWithNulAreRejectedLinesNotAFailedImport() {
        String csv = "code,name\n73.24.04.2991,Desa\u0000Uji\n73.24.04.2992,Desa Uji Dua\n";
        given().auth().oauth2(TestAccounts.operator()).contentType("text/csv").body(csv).post("/api/v1/regions/import").then()
                .statusCode(200)
                .body("rejected.code", contains("73.24.04.2991"))
                .body("rejected[0].reason", is("INVALID_TEXT"));
        assertEquals(0L, Db.count("select count(*) from region where code = '73.24.04.2991'"));
        assertEquals(1L, Db.count("select count(*) from region where code = '73.24.04.2992'"));
        // a desa the national list does not have must not stay for the tests that count Luwu Timur's desa
        Db.exec("delete from region where code = '73.24.04.2992'");
    }
}
