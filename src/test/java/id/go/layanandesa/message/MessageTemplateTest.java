package id.go.layanandesa.message;

import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A kabupaten words its citizens' messages per status; the defaults hold until it does, and again after a reset. */
@QuarkusTest
class MessageTemplateTest {

    static final String NEEDS_INFO_DEFAULT = "Permohonan {layanan} Anda ({kode}) perlu dilengkapi: {catatan}. Silakan ke kantor desa.";
    static final String OWN = "Yth. warga, permohonan {layanan} ({kode}) kurang: {catatan}. Bawa ke kantor desa {desa}.";

    @AfterEach
    void backToTheDefaults() {
        Db.exec("delete from citizen_message_template");
    }

    @Test
    void everyStatusHasTheDefaultUntilTheKabupatenWordsItsOwn() {
        String admin = TestAccounts.admin("73.24");
        given().auth().oauth2(admin).get("/api/v1/message-templates").then().statusCode(200)
                .body("items.status", contains("SUBMITTED", "IN_PROGRESS", "NEEDS_INFO", "COMPLETED", "REJECTED", "CANCELLED"))
                .body("items.custom", everyItem(is(false)))
                .body("items.version", everyItem(is(0)))
                .body("items[0]", not(hasKey("updatedAt")))
                .body("items[2].text", is(NEEDS_INFO_DEFAULT))
                .body("items[2].example", is("Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) perlu dilengkapi: Fotokopi buku nikah orang tua. "
                        + "Silakan ke kantor desa."));
        given().auth().oauth2(TestAccounts.viewer("73.24")).get("/api/v1/message-templates/NEEDS_INFO").then().statusCode(200)
                .header("ETag", "\"0\"").body("text", is(NEEDS_INFO_DEFAULT));

        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"0\"").body(Map.of("text", OWN))
                .put("/api/v1/message-templates/NEEDS_INFO").then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("custom", is(true))
                .body("text", is(OWN))
                .body("defaultText", is(NEEDS_INFO_DEFAULT))
                .body("example", is("Yth. warga, permohonan Akta Kelahiran (K7M2-QX9P-RT) kurang: Fotokopi buku nikah orang tua. "
                        + "Bawa ke kantor desa Harapan."))
                .body("updatedAt", notNullValue());
        given().auth().oauth2(admin).get("/api/v1/message-templates/NEEDS_INFO").then().statusCode(200).header("ETag", "\"1\"")
                .body("text", is(OWN));
        // another kabupaten keeps the defaults
        AuthFixtures.ensureRegions();
        given().auth().oauth2(TestAccounts.admin("73.17")).get("/api/v1/message-templates/NEEDS_INFO").then().statusCode(200)
                .body("custom", is(false)).body("text", is(NEEDS_INFO_DEFAULT));

        given().auth().oauth2(admin).header("If-Match", "\"1\"").delete("/api/v1/message-templates/NEEDS_INFO").then().statusCode(200)
                .header("ETag", "\"2\"").body("custom", is(false)).body("text", is(NEEDS_INFO_DEFAULT));
        assertEquals(2L, Db.count("select version from citizen_message_template where kabupaten_code = '73.24' and status = 'NEEDS_INFO'"));
    }

    @Test
    @OffContractRequests("changes without If-Match and templates that break the schema")
    void aTemplateIsChangedOnlyWithItsCurrentVersionAndOnlyWithKnownPlaceholders() {
        String admin = TestAccounts.admin("73.24");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("text", OWN))
                .put("/api/v1/message-templates/COMPLETED").then().statusCode(428).body("code", is("IF_MATCH_REQUIRED"));
        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"4\"").body(Map.of("text", OWN))
                .put("/api/v1/message-templates/COMPLETED").then().statusCode(412).body("code", is("STALE_VERSION"));
        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("text", "Yth. {nama}, permohonan {kode} selesai"))
                .put("/api/v1/message-templates/COMPLETED").then().statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("violations[0].field", is("text"))
                .body("violations[0].message", startsWith("{nama} is no placeholder"));
        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"0\"").body(Map.of("text", "x".repeat(501)))
                .put("/api/v1/message-templates/COMPLETED").then().statusCode(400).body("violations[0].field", is("text"));
        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"0\"").body("{}")
                .put("/api/v1/message-templates/COMPLETED").then().statusCode(400);
        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"0\"").body(Map.of("text", OWN))
                .put("/api/v1/message-templates/FINISHED").then().statusCode(404).body("code", is("NOT_FOUND"));
        given().auth().oauth2(TestAccounts.viewer("73.24")).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("text", OWN)).put("/api/v1/message-templates/COMPLETED").then().statusCode(403);
        assertEquals(0L, Db.count("select count(*) from citizen_message_template"), "nothing refused was written");
    }
}
