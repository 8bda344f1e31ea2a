package id.go.layanandesa.account;

import id.go.layanandesa.support.DatabaseFingerprint;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** An admin makes the kabupaten's desa and OPD officers from one CSV; each gets a one-time activation secret. */
@QuarkusTest
class AccountImportTest {

    static final String K = "85.11";

    static String admin() {
        ScratchKabupaten.regionsOnly(K);
        Tenants.onboard(K, Tenants.smallDocument(K, "Uji Akun"));
        return TestAccounts.admin(K);
    }

    static ExtractableResponse<Response> upload(String token, String csv) {
        return given().auth().oauth2(token).contentType("text/csv").body(csv).post("/api/v1/accounts/import").then().extract();
    }

    @Test
    void everyLineIsReportedCreatedAccountsGetActivationSecretsAndTheSameFileAgainCreatesNothing() {
        String admin = admin();
        OtherKabupaten.ensure();
        String csv = """
                username,displayName,role,desa,opd
                desa.satu,Operator Desa Satu,DESA_OFFICER,85.11.01.2001,
                desa.dua,"Operator Desa Dua, Kecamatan Satu",desa_officer,85.11.01.2002,
                opd.dukcapil,Petugas Disdukcapil,OPD_OFFICER,,disdukcapil
                pimpinan,Pimpinan Daerah,VIEWER,,
                desa.luar,Operator Desa Luar,DESA_OFFICER,73.22.01.2001,
                opd.luar,Petugas Luar,OPD_OFFICER,,DINKES
                desa.satu,Operator Desa Satu Lagi,DESA_OFFICER,85.11.01.2001,
                raja,Raja,KING,,
                x,Terlalu Pendek,VIEWER,,
                tanpa.nama,,VIEWER,,
                penguasa,Penguasa,OPERATOR,,
                lebih,Lebih,VIEWER,,,extra
                """;
        ExtractableResponse<Response> r = upload(admin, csv);
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(4, (int) r.path("created"));
        assertEquals(0, (int) r.path("unchanged"));
        assertEquals(8, (int) r.path("rejected"));
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), r.jsonPath().getList("lines.line"));
        assertEquals(List.of("CREATED", "CREATED", "CREATED", "CREATED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED",
                "REJECTED", "REJECTED", "REJECTED"), r.jsonPath().getList("lines.outcome"));
        assertEquals(List.of("INVALID_SCOPE", "INVALID_SCOPE", "DUPLICATE_IN_FILE", "INVALID_ROLE", "INVALID_USERNAME",
                "MISSING_DISPLAY_NAME", "INVALID_ROLE", "MALFORMED_LINE"), r.jsonPath().getList("lines.findAll { it.outcome == 'REJECTED' }.reason"));
        assertEquals(List.of("8511.desa.satu", "8511.desa.dua", "8511.opd.dukcapil", "8511.pimpinan"),
                r.jsonPath().getList("lines.findAll { it.outcome == 'CREATED' }.username"));
        List<String> secrets = r.jsonPath().getList("lines.findAll { it.outcome == 'CREATED' }.activationSecret");
        assertEquals(4, secrets.stream().distinct().count());
        String sheet = r.path("activationSheet");
        assertEquals(5, sheet.lines().count(), sheet);
        assertTrue(sheet.startsWith("username,displayName,role,scope,activationSecret\r\n"), sheet);
        assertTrue(sheet.contains("8511.desa.dua,\"Operator Desa Dua, Kecamatan Satu\",DESA_OFFICER,85.11.01.2002," + secrets.get(1) + "\r\n"), sheet);
        assertTrue(sheet.contains("8511.opd.dukcapil,Petugas Disdukcapil,OPD_OFFICER,DISDUKCAPIL," + secrets.get(2)), sheet);
        assertEquals("DESA_OFFICER", Db.single("select role from account where username = '8511.desa.dua'"));
        assertEquals(Db.single("select id from opd where kabupaten_code = ?1 and code = 'DISDUKCAPIL'", K),
                Db.single("select opd_id from account where username = '8511.opd.dukcapil'"));
        for (String secret : secrets) {
            assertEquals(0L, Db.count("select count(*) from account where password_hash like ?1", "%" + secret + "%"));
        }

        // the secret logs in once, for the officer to set their own password
        String first = given().contentType(ContentType.JSON).body(Map.of("username", "8511.desa.satu", "password", secrets.get(0)))
                .post("/api/v1/auth/login").then().statusCode(200).body("account.passwordChangeRequired", is(true))
                .extract().path("accessToken");
        given().auth().oauth2(first).get("/api/v1/requests").then().statusCode(403).body("code", is("PASSWORD_CHANGE_REQUIRED"));
        given().auth().oauth2(first).contentType(ContentType.JSON).body(Map.of("currentPassword", secrets.get(0), "newPassword", "DesaSatu2026"))
                .post("/api/v1/me/password").then().statusCode(204);
        given().auth().oauth2(first).get("/api/v1/requests").then().statusCode(200);

        Map<String, String> before = DatabaseFingerprint.take();
        ExtractableResponse<Response> again = upload(admin, csv);
        assertEquals(200, again.statusCode(), again.asString());
        assertEquals(0, (int) again.path("created"));
        assertEquals(4, (int) again.path("unchanged"));
        assertEquals(List.of(), again.jsonPath().getList("lines.activationSecret").stream().filter(s -> s != null).toList());
        assertEquals("username,displayName,role,scope,activationSecret\r\n", again.path("activationSheet"));
        assertEquals(before, DatabaseFingerprint.take(), "the same file again creates nothing twice");
    }

    @Test
    void aLineForAnExistingUsernameWithOtherDetailsIsRejectedAndAnotherKabupatenIsNeverTouched() {
        String admin = admin();
        upload(admin, "username,displayName,role\nsekretaris,Sekretaris,VIEWER\n").response().then().statusCode(200).body("created", is(1));
        upload(admin, "username,displayName,role\nsekretaris,Sekretaris Daerah,VIEWER\n").response().then().statusCode(200)
                .body("lines[0].reason", is("USERNAME_TAKEN"));
        // the same name in another kabupaten is another username
        OtherKabupaten.ensure();
        upload(TestAccounts.admin(OtherKabupaten.KABUPATEN), "username,displayName,role\nsekretaris,Sekretaris,VIEWER\n").response().then()
                .statusCode(200).body("created", is(1)).body("lines[0].username", is("7322.sekretaris"));
    }

    @Test
    void aFileWithoutTheColumnsIsOneProblemAndChangesNothing() {
        String admin = admin();
        Map<String, String> before = DatabaseFingerprint.take();
        upload(admin, "nama,peran\nbudi,VIEWER\n").response().then().statusCode(400).body("code", is("VALIDATION_FAILED"))
                .body("violations[0].field", is("header")).body("violations[0].message", containsString("missing: username, displayName, role"));
        upload(admin, "   \n").response().then().statusCode(400).body("code", is("EMPTY_BODY"));
        assertEquals(before, DatabaseFingerprint.take());
    }

    @Test
    void threeHundredOfficersInOneFile() {
        String admin = admin();
        StringBuilder csv = new StringBuilder("username,displayName,role,desa\n");
        for (int i = 0; i < 300; i++) {
            String desa = List.of(K + ".01.2001", K + ".01.2002", K + ".02.2001").get(i % 3);
            csv.append("massal.").append(i).append(",Operator Desa ").append(i).append(",DESA_OFFICER,").append(desa).append('\n');
        }
        upload(admin, csv.toString()).response().then().statusCode(200).body("created", is(300)).body("rejected", is(0));
        assertEquals(300L, Db.count("select count(*) from account where username like '8511.massal.%' and password_change_required"));
        upload(admin, csv.toString()).response().then().statusCode(200).body("created", is(0)).body("unchanged", is(300));
    }
}
