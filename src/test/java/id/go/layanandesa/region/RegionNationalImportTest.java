package id.go.layanandesa.region;

import id.go.layanandesa.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The whole national list (91,599 rows) in one call; prints how long it took. Skipped where the shared data is absent. */
@QuarkusTest
class RegionNationalImportTest {

    static final int NATIONAL_ROWS = 91_599;

    @Test
    void theNationalListImportsInOneCallAndAgainWithoutChange() throws IOException {
        Path file = Path.of(System.getProperty("user.dir")).resolve("../shared/data/wilayah.csv").normalize();
        assumeTrue(Files.isReadable(file), "skipped: the national region list " + file + " is absent (it lives outside the project)");
        String csv = Files.readString(file);
        String token = TestAccounts.operator();

        long start = System.nanoTime();
        Response first = given().auth().oauth2(token).contentType("text/csv").body(csv)
                .when().post("/api/v1/regions/import");
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        first.then().statusCode(200).body("rejected", empty());
        int added = first.path("added");
        int updated = first.path("updated");
        int unchanged = first.path("unchanged");
        assertEquals(NATIONAL_ROWS, added + updated + unchanged);

        start = System.nanoTime();
        given().auth().oauth2(token).contentType("text/csv").body(csv)
                .when().post("/api/v1/regions/import")
                .then().statusCode(200)
                .body("added", is(0)).body("updated", is(0)).body("unchanged", is(NATIONAL_ROWS)).body("rejected", empty());
        long secondMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("National region import: %d rows (%d added, %d updated, %d unchanged) in %d ms; re-import in %d ms%n",
                NATIONAL_ROWS, added, updated, unchanged, firstMillis, secondMillis);

        QuarkusTransaction.requiringNew().run(() -> {
            Region desa = Region.findById("11.01.01.2001");
            assertEquals("Keude Bakongan", desa.name);
            assertEquals("11.01", desa.kabupatenCode);
            assertEquals("11.01.01", desa.parentCode);
            assertEquals("Lubuk Pakam I,II", Region.<Region>findById("12.07.28.1007").name);
            assertEquals(128, Region.count("level = 4 and kabupatenCode = '73.24'"));
            // tests use only province codes the national list does not, so the real provinces hold exactly the file
            String real = "substring(code, 1, 2) in ('11','12','13','14','15','16','17','18','19','21','31','32','33','34','35','36',"
                    + "'51','52','53','61','62','63','64','65','71','72','73','74','75','76','81','82','91','92','93','94','95','96')";
            assertEquals(38L, Region.count("level = 1 and " + real));
            assertEquals(514L, Region.count("level = 2 and " + real));
            assertEquals(7_285L, Region.count("level = 3 and " + real));
            assertEquals(83_762L, Region.count("level = 4 and " + real));
        });
    }
}
