package id.go.layanandesa.region;

import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class RegionResourceTest {

    static final String SEARCH = "/api/v1/regions/search";

    /** A search, by the token's holder, of the regions of a kabupaten whose names start with q. */
    static RequestSpecification search(String token, String kabupaten, String q) {
        return given().auth().oauth2(token).queryParam("kabupaten", kabupaten).queryParam("q", q);
    }

    @Test
    void desaComesWithItsAncestorsKindAndZone() {
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2001"))
                .when().get("/api/v1/regions/73.24.04.2001")
                .then().statusCode(200)
                .body("code", is("73.24.04.2001"))
                .body("name", is("Harapan"))
                .body("level", is("DESA"))
                .body("kind", is("DESA"))
                .body("parentCode", is("73.24.04"))
                .body("kabupatenCode", is("73.24"))
                .body("zone.name", is("WITA"))
                .body("zone.ianaId", is("Asia/Makassar"))
                .body("ancestors.code", contains("73", "73.24", "73.24.04"))
                .body("ancestors.level", contains("PROVINSI", "KABUPATEN", "KECAMATAN"))
                .body("ancestors.name", contains("Sulawesi Selatan", "Kabupaten Luwu Timur", "Malili"));
    }

    @Test
    void kelurahanIsNamedSoAndAProvinsiHasNoZone() {
        String token = TestAccounts.viewer("73.24");
        given().auth().oauth2(token).when().get("/api/v1/regions/73.24.04.1003")
                .then().statusCode(200).body("kind", is("KELURAHAN")).body("level", is("DESA"));
        given().auth().oauth2(token).when().get("/api/v1/regions/73")
                .then().statusCode(200).body("level", is("PROVINSI")).body("ancestors", empty())
                .body("$", not(hasKey("zone"))).body("$", not(hasKey("kind")));
        given().auth().oauth2(token).when().get("/api/v1/regions/73.24.02")
                .then().statusCode(200).body("level", is("KECAMATAN")).body("zone.name", is("WITA"));
    }

    @Test
    void anyKabupatenIsReadableBecauseRegionsArePublicReferenceData() {
        OtherKabupaten.ensure();
        given().auth().oauth2(TestAccounts.viewer("73.24")).when().get("/api/v1/regions/" + OtherKabupaten.DESA)
                .then().statusCode(200).body("kabupatenCode", is(OtherKabupaten.KABUPATEN));
    }

    @Test
    void malformedCodeIsAViolationAndUnknownCodeIsNotFound() {
        String token = TestAccounts.viewer("73.24");
        given().auth().oauth2(token).when().get("/api/v1/regions/73.2")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", is("VALIDATION_FAILED"))
                .body("violations[0].field", is("code"));
        given().auth().oauth2(token).when().get("/api/v1/regions/73.24.04.9999")
                .then().statusCode(404).body("code", is("NOT_FOUND"));
        given().auth().oauth2(token).when().get("/api/v1/regions/73.2/children")
                .then().statusCode(400).body("violations[0].field", is("code"));
        given().auth().oauth2(token).when().get("/api/v1/regions/73.24.04.9999/children")
                .then().statusCode(404);
    }

    @Test
    void readingNeedsAToken() {
        given().when().get("/api/v1/regions/73.24").then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void childrenArePagedByCode() {
        String token = TestAccounts.opdOfficer(TestAccounts.opd("73.24", "DISDUKCAPIL"));
        List<String> first = given().auth().oauth2(token).queryParam("limit", 5)
                .when().get("/api/v1/regions/73.24/children")
                .then().statusCode(200)
                .body("items", hasSize(5))
                .body("next", is("73.24.05"))
                .extract().path("items.code");
        assertEquals(List.of("73.24.01", "73.24.02", "73.24.03", "73.24.04", "73.24.05"), first);
        given().auth().oauth2(token).queryParam("limit", 5).queryParam("cursor", "73.24.10")
                .when().get("/api/v1/regions/73.24/children")
                .then().statusCode(200)
                .body("items.code", contains("73.24.11"))
                .body("next", nullValue());
        given().auth().oauth2(token).queryParam("limit", 6).queryParam("cursor", "73.24.05")
                .when().get("/api/v1/regions/73.24/children")
                .then().statusCode(200)
                .body("items.code", contains("73.24.06", "73.24.07", "73.24.08", "73.24.09", "73.24.10", "73.24.11"))
                .body("next", nullValue());
    }

    @Test
    @OffContractRequests("limits out of range")
    void childrenDefaultTo20AndRejectALimitPast100() {
        String token = TestAccounts.viewer("73.24");
        given().auth().oauth2(token).when().get("/api/v1/regions/73.24/children")
                .then().statusCode(200).body("items", hasSize(11)).body("$", not(hasKey("next")));
        given().auth().oauth2(token).queryParam("limit", 100).when().get("/api/v1/regions/73.24/children")
                .then().statusCode(200);
        given().auth().oauth2(token).queryParam("limit", 101).when().get("/api/v1/regions/73.24/children")
                .then().statusCode(400).body("violations[0].field", is("limit"));
        given().auth().oauth2(token).queryParam("limit", 0).when().get("/api/v1/regions/73.24/children")
                .then().statusCode(400).body("violations[0].field", is("limit"));
    }

    @Test
    void searchMatchesANamePrefixIgnoringCase() {
        search(TestAccounts.viewer("73.24"), "73.24", "MAL").get(SEARCH)
                .then().statusCode(200)
                .body("items.code", hasItems("73.24.04", "73.24.04.1003", "73.24.01.2001"))
                .body("items.name", everyItem(startsWithIgnoringCase("mal")))
                .body("items.kabupatenCode", everyItem(is("73.24")));
    }

    @Test
    void searchIgnoresAccentsAndPagesByNameThenCode() {
        given().auth().oauth2(TestAccounts.operator()).contentType("text/csv; charset=UTF-8")
                .body("code,name\n97,Provinsi Uji Cari\n97.01,Kabupaten Uji Cari\n97.01.01,Bénténg\n97.01.01.2001,Benteng\n"
                        + "97.01.01.2002,BENTENG Timur\n97.01.01.2003,Bontoa\n97.01.01.2004,Benteng_Lama\n")
                .when().post("/api/v1/regions/import").then().statusCode(200).body("added", is(7));
        String token = TestAccounts.viewer("73.24");
        var page1 = search(token, "97.01", "bent").queryParam("limit", 2).get(SEARCH)
                .then().statusCode(200)
                .body("items.code", contains("97.01.01", "97.01.01.2001"))
                .body("next", notNullValue())
                .extract();
        search(token, "97.01", "bent").queryParam("limit", 2)
                .queryParam("cursor", page1.path("next").toString()).get(SEARCH)
                .then().statusCode(200)
                .body("items.code", containsInAnyOrder("97.01.01.2002", "97.01.01.2004"))
                .body("next", nullValue());
        // an underscore in the prefix is a character, not a wildcard
        search(token, "97.01", "Benteng_").get(SEARCH)
                .then().statusCode(200).body("items.code", contains("97.01.01.2004"));
        search(token, "97.01", "Béntèng t").get(SEARCH)
                .then().statusCode(200).body("items.code", contains("97.01.01.2002"));
    }

    @Test
    void searchRejectsBadParameters() {
        String token = TestAccounts.viewer("73.24");
        search(token, "73", "mal").get(SEARCH)
                .then().statusCode(400).body("violations[0].field", is("kabupaten"));
        search(token, "73.24", "  ").get(SEARCH)
                .then().statusCode(400).body("violations[0].field", is("q"));
        search(token, "73.24", "mal").queryParam("cursor", "not-a-cursor").get(SEARCH)
                .then().statusCode(400).body("violations[0].field", is("cursor"));
        search(token, "73.99", "mal").get(SEARCH)
                .then().statusCode(404);
    }

    @Test
    void nameKeyIsLowerCaseWithoutAccents() {
        assertEquals("benteng timur", Region.nameKeyOf(" Bénténg TIMUR "));
        assertEquals("regapu’u", Region.nameKeyOf("Regapu’u"));
        assertNull(RegionCodes.parent("73"));
    }
}
