package id.go.layanandesa.region;

import id.go.layanandesa.support.contract.OffContractRequests;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** Crafted files, each in a province code the national list does not use, so that tests do not meet. */
@QuarkusTest
class RegionImportTest {

    private static io.restassured.response.ValidatableResponse importing(String token, String csv) {
        return given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").body(csv)
                .when().post("/api/v1/regions/import").then();
    }

    @Test
    void everyKindOfBadLineIsReportedAndTheRestIsImportedParentsFirst() {
        String csv = """
                code,name
                98.01.01.2003,Desa Tiga
                98,Provinsi Uji
                98.01,Kabupaten Uji
                98.01.01,Kecamatan Satu
                98.01.01.2001,Desa Satu
                98.01.01.2002,"Desa Dua, Hilir"
                98.1,Kode Salah
                98.01.01.2001,Desa Satu Lagi
                98.01.02,
                98.01.02.2001,Anak Tanpa Nama Induk
                98.01.03.2001,Desa Yatim

                98.01.01.20x4,Huruf
                98.01.01.2005,"%s"
                """.formatted("x".repeat(201));
        importing(TestAccounts.operator(), csv)
                .statusCode(200)
                .body("added", is(6))
                .body("updated", is(0))
                .body("unchanged", is(0))
                .body("rejected.line", contains(8, 9, 10, 11, 12, 14, 15))
                .body("rejected.code", contains("98.1", "98.01.01.2001", "98.01.02", "98.01.02.2001", "98.01.03.2001",
                        "98.01.01.20x4", "98.01.01.2005"))
                .body("rejected.reason", contains("MALFORMED_CODE", "DUPLICATE", "MISSING_NAME", "ORPHAN", "ORPHAN",
                        "MALFORMED_CODE", "NAME_TOO_LONG"));

        QuarkusTransaction.requiringNew().run(() -> {
            Region dua = Region.findById("98.01.01.2002");
            assertEquals("Desa Dua, Hilir", dua.name);
            assertEquals("desa dua, hilir", dua.nameKey);
            assertEquals(4, dua.level);
            assertEquals("98.01.01", dua.parentCode);
            assertEquals("98.01", dua.kabupatenCode);
            assertEquals("Desa Satu", Region.<Region>findById("98.01.01.2001").name, "the first of two lines wins");
            assertNull(Region.findById("98.01.02"));
            assertNull(Region.findById("98.01.03.2001"));
            assertEquals(6, Region.count("code like '98%'"));
        });

        importing(TestAccounts.operator(), csv)
                .statusCode(200)
                .body("added", is(0)).body("updated", is(0)).body("unchanged", is(6))
                .body("rejected", hasSize(7));
    }

    @Test
    void aRenameIsAnUpdateAndAParentInTheTableIsNoOrphan() {
        String token = TestAccounts.operator();
        importing(token, "code,name\n89.71,Kota Uji Lama\n")
                .statusCode(200).body("added", is(0)).body("rejected[0].reason", is("ORPHAN"));
        importing(token, "code,name\n88,Provinsi Uji Dua\n88.71,Kota Uji Lama\n88.71.01,Kecamatan Uji\n")
                .statusCode(200).body("added", is(3));
        importing(token, "code,name\n88.71,Kota Uji Baru\n88.71.01.1001,Kelurahan Uji\n88.71.01,Kecamatan Uji\n")
                .statusCode(200)
                .body("added", is(1)).body("updated", is(1)).body("unchanged", is(1)).body("rejected", empty());
        QuarkusTransaction.requiringNew().run(() -> {
            Region kota = Region.findById("88.71");
            assertEquals("Kota Uji Baru", kota.name);
            assertEquals("kota uji baru", kota.nameKey);
            assertEquals("88.71", Region.<Region>findById("88.71.01.1001").kabupatenCode);
        });
    }

    @Test
    void onlyAnOperatorImportsTheRegionListEveryKabupatenShares() {
        OtherKabupaten.ensure();
        String csv = "code,name\n87,Provinsi Uji Tiga\n";
        importing(TestAccounts.viewer("73.24"), csv).statusCode(403).body("code", is("FORBIDDEN"));
        importing(TestAccounts.desaOfficer("73.24.04.2001"), csv).statusCode(403);
        // an admin of one kabupaten may no longer rename another's regions
        importing(TestAccounts.admin("73.22"), csv).statusCode(403).body("code", is("FORBIDDEN"));
        importing(TestAccounts.admin("73.24"), csv).statusCode(403);
        assertEquals(0L, Db.count("select count(*) from region where code = '87'"));
        importing(TestAccounts.operator(), csv).statusCode(200).body("added", is(1));
        given().contentType("text/csv; charset=UTF-8").body(csv).when().post("/api/v1/regions/import").then().statusCode(401);
    }

    @Test
    @OffContractRequests("empty and non-CSV bodies")
    void theBodyMustBeANonEmptyCsv() {
        String token = TestAccounts.operator();
        importing(token, "").statusCode(400).body("code", is("EMPTY_BODY"));
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().post("/api/v1/regions/import").then().statusCode(415).body("code", is("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void csvFieldsFollowRfc4180() {
        assertEquals(java.util.List.of("12.07.28.1007", "Lubuk Pakam I,II"), id.go.layanandesa.common.Csv.fields("12.07.28.1007,\"Lubuk Pakam I,II\""));
        assertEquals(java.util.List.of("1", "a \"b\" c"), id.go.layanandesa.common.Csv.fields("1,\"a \"\"b\"\" c\""));
        assertEquals(java.util.List.of("1"), id.go.layanandesa.common.Csv.fields("1"));
    }
}
