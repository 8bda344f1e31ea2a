package id.go.layanandesa.demo;

import id.go.layanandesa.account.Account;
import id.go.layanandesa.account.ApiKey;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.support.AuthFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class DemoAccountsTest {

    @Inject
    DemoAccounts demo;

    @Inject
    LayananConfig config;

    /** The demo secrets a test reads back from the file, by the first word of the line. */
    static String secretOf(String content, String name) {
        return content.lines().map(String::trim).filter(l -> l.startsWith(name + " "))
                .map(l -> l.split("\\s+")).map(w -> w[w.length - (w[0].equals(name) && w.length == 4 ? 3 : 1)])
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + name + " in\n" + content));
    }

    @Test
    void demoAccountsGetRandomPasswordsInAnOwnerOnlyFileAndCanLogIn() throws Exception {
        // present with or without the demo reference data; the OPDs the test needs are made when absent
        AuthFixtures.ensureRegions();
        long disdukcapil = AuthFixtures.opd(AuthFixtures.KABUPATEN, "DISDUKCAPIL");
        AuthFixtures.opd(AuthFixtures.KABUPATEN, "ORGANISASI");
        QuarkusTransaction.requiringNew().call(() -> demo.create());

        Path file = Path.of(config.dataDir()).resolve(DemoAccounts.FILE);
        assertTrue(Files.exists(file), "the secrets are written to " + file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String content = Files.readString(file);

        Account admin = AuthFixtures.reload(QuarkusTransaction.requiringNew().call(() -> Account.byUsername("admin").id));
        assertEquals("ADMIN", admin.role.name());
        assertEquals(AuthFixtures.KABUPATEN, admin.kabupatenCode);
        Account officer = QuarkusTransaction.requiringNew().call(() -> Account.byUsername("opd.disdukcapil"));
        assertEquals(disdukcapil, officer.opdId);
        assertEquals("DESA_OFFICER", QuarkusTransaction.requiringNew().call(() -> Account.byUsername("desa.harapan")).role.name());
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> Account.byUsername("opd.organisasi")));

        String adminPassword = secretOf(content, "admin");
        assertTrue(adminPassword.length() >= 16 && adminPassword.matches(".*\\d.*"), adminPassword);
        assertNotEquals(adminPassword, secretOf(content, "viewer"), "every account has its own password");
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", adminPassword))
                .post("/api/v1/auth/login").then().statusCode(200).body("account.role", is("ADMIN"));

        String key = secretOf(content, "SIAK");
        assertTrue(key.startsWith("ldk_"), key);
        given().header("X-API-Key", key).get("/api/v1/me").then().statusCode(200)
                .body("role", is("OPD_SYSTEM")).body("opdId", is((int) disdukcapil)).body("name", is("SIAK"));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ApiKey.count("opdId = ?1 and name = 'SIAK'", disdukcapil)));

        // a second run creates nothing and leaves the file alone
        long accounts = QuarkusTransaction.requiringNew().call(() -> Account.count());
        assertEquals("no new demo accounts", QuarkusTransaction.requiringNew().call(() -> demo.create()));
        assertEquals(accounts, QuarkusTransaction.requiringNew().call(() -> Account.count()));
        assertEquals(content, Files.readString(file));
    }
}
