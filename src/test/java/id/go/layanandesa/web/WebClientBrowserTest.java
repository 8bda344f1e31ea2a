package id.go.layanandesa.web;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The web client in a real headless Chromium, against the running service and its database: what a desa
 * officer, an OPD officer, an admin and a citizen do, offline filing, and what logout leaves behind.
 * Screenshots of each screen at 360 px and 1280 px go to target/screenshots/.
 *
 * <p>Needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: {@code apt-get install chromium chromium-driver});
 * without them the tests are skipped, except when the environment variable CI is set, where they fail.
 */
@QuarkusTest
class WebClientBrowserTest {

    static final String KABUPATEN = "89.01";
    static final String DESA = "89.01.01.2001";
    static final String PASSWORD = "Pelayanan2026uji";
    /** What an admin gives a new account; its owner replaces it at the first login. */
    static final String FIRST_PASSWORD = "Sementara2026uji";
    static final String PREFIX = "8901.";
    static final String MARKUP_NAME = "<img src=x onerror=alert(1)>";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static ChromeDriver driver;
    static Path profile;
    static Fixture fixture;

    record Fixture(long disdukcapil, long dinsos, long surat, long semua) {
    }

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void startBrowser() throws IOException {
        Path chromium = Path.of(System.getProperty("webclient.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("webclient.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String message = "Browser tests skipped: no " + (Files.isExecutable(chromium) ? chromedriver : chromium)
                    + ". Install them with: apt-get install chromium chromium-driver";
            if (System.getenv("CI") != null) {
                fail(message.replace("skipped", "cannot run in CI"));
            }
            System.out.println(message);
            Assumptions.abort(message);
        }
        profile = Files.createTempDirectory("layanan-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=id-ID");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A scratch kabupaten with two OPDs, two services and an account per role, all made through the API. */
    @BeforeEach
    void fixture() {
        if (fixture != null) {
            return;
        }
        ScratchKabupaten.ensure(KABUPATEN);
        String admin = TestAccounts.admin(KABUPATEN);
        post(admin, "/api/v1/opds", Map.of("code", "ORGANISASI", "name", "Bagian Organisasi", "kind", "BAGIAN", "triage", true));
        long disdukcapil = post(admin, "/api/v1/opds", Map.of("code", "DISDUKCAPIL", "name", "Dinas Kependudukan dan Pencatatan Sipil",
                "kind", "DINAS", "triage", false));
        long dinsos = post(admin, "/api/v1/opds", Map.of("code", "DINSOS", "name", "Dinas Sosial", "kind", "DINAS", "triage", false));
        long surat = post(admin, "/api/v1/service-types", Map.of("code", "SURAT_DOMISILI", "name", "Surat Keterangan Domisili",
                "defaultOpdId", disdukcapil, "timeLimitDays", 3, "fee", 0,
                "documents", List.of(Map.of("code", "KTP_EL", "name", "KTP-el pemohon", "mandatory", true)),
                "fields", List.of(field("keperluan", "Keperluan", "TEXT", true, Map.of("minLength", 3, "maxLength", 100)))));
        long semua = post(admin, "/api/v1/service-types", Map.of("code", "UJI_SEMUA_JENIS", "name", "Uji Semua Jenis Isian",
                "defaultOpdId", disdukcapil, "timeLimitDays", 5, "fee", 10000,
                "documents", List.of(Map.of("code", "KTP_EL", "name", "KTP-el pemohon", "mandatory", true),
                        Map.of("code", "SURAT_RT", "name", "Surat pengantar RT", "mandatory", false)),
                "fields", List.of(
                        field("nama_usaha", "Nama usaha", "TEXT", true, Map.of("minLength", 3, "maxLength", 50)),
                        field("uraian", "Uraian", "LONG_TEXT", false, Map.of("maxLength", 300)),
                        field("jumlah", "Jumlah pekerja", "NUMBER", true, Map.of("min", 1, "max", 10)),
                        field("tanggal", "Tanggal mulai", "DATE", true, Map.of("minDate", "2020-01-01", "maxDate", "2030-12-31")),
                        field("jenis", "Jenis usaha", "SINGLE_CHOICE", true, Map.of("options", List.of("MIKRO", "KECIL"))),
                        field("sarana", "Sarana", "MULTI_CHOICE", true, Map.of("options", List.of("LISTRIK", "AIR", "JALAN"), "min", 1, "max", 2)),
                        field("setuju", "Data benar", "BOOLEAN", true, Map.of()))));
        account(admin, "web.desa", "Operator Desa Satu", "DESA_OFFICER", Map.of("desaCode", DESA));
        account(admin, "web.opd", "Petugas Disdukcapil", "OPD_OFFICER", Map.of("opdId", disdukcapil));
        account(admin, "web.admin", "Admin Uji", "ADMIN", Map.of());
        fixture = new Fixture(disdukcapil, dinsos, surat, semua);
    }

    static Map<String, Object> field(String key, String label, String type, boolean required, Map<String, Object> limits) {
        Map<String, Object> f = new HashMap<>(limits);
        f.put("key", key);
        f.put("label", label);
        f.put("type", type);
        f.put("required", required);
        f.put("order", 0);
        return f;
    }

    static long post(String token, String path, Map<String, Object> body) {
        return ((Number) given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(201).extract().path("id")).longValue();
    }

    /** An account as its owner leaves it after the first login: the admin's password replaced by PASSWORD. */
    static void account(String admin, String username, String name, String role, Map<String, Object> scope) {
        Map<String, Object> body = new HashMap<>(scope);
        body.putAll(Map.of("username", username, "displayName", name, "role", role, "password", FIRST_PASSWORD));
        post(admin, "/api/v1/accounts", body);
        String first = given().contentType(ContentType.JSON).body(Map.of("username", stored(username), "password", FIRST_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(first).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", FIRST_PASSWORD, "newPassword", PASSWORD))
                .post("/api/v1/me/password").then().statusCode(204);
    }

    /** The username as stored: with the scratch kabupaten's prefix. */
    static String stored(String username) {
        return username.startsWith(PREFIX) ? username : PREFIX + username;
    }

    static String apiToken(String username) {
        return given().contentType(ContentType.JSON).body(Map.of("username", stored(username), "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    @AfterEach
    void noScriptErrorsOrPolicyViolations() {
        if (driver == null) {
            return;
        }
        List<String> bad = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            String m = e.getMessage();
            if (m.contains("Content Security Policy") || m.contains("Trusted") || m.contains("Uncaught")) {
                bad.add(m);
            }
        }
        assertTrue(bad.isEmpty(), "the page logged: " + bad);
    }

    // ---- the tests --------------------------------------------------------------------------------

    @Test
    void aDesaFilesTheOpdAsksForMoreAndCompletesAndTheCitizenTracksIt() {
        open("masuk");
        shoot("login");
        login("web.desa");
        waitFor(By.id("cari-layanan")).sendKeys("domisili");
        waitUntil(d -> d.findElements(By.cssSelector("#services li")).size() == 1);
        shoot("catalog");
        driver.findElement(By.linkText("Surat Keterangan Domisili")).click();
        fillCitizen("7324014107900001", MARKUP_NAME);
        type("answers.keperluan", "Melamar pekerjaan");
        choose("documents.KTP_EL", "ON_PAPER");
        shoot("filing-form");
        submit();
        String code = waitFor(By.id("tracking-code")).getText();
        assertTrue(code.matches("[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}"), code);
        assertTrue(text("#receipt").contains(MARKUP_NAME), "the name shows as text on the receipt");
        assertTrue(text("#receipt").contains("/lacak/" + code), "the receipt gives the tracking link");
        shoot("receipt");
        long id = ((Number) Db.single("select id from service_request where tracking_code = ?1", code)).longValue();
        assertEquals("SUBMITTED", Db.single("select status from service_request where id = ?1", id));

        go("desa/permohonan");
        waitUntil(d -> text("#requests").contains(code));
        assertTrue(text("#requests").contains(MARKUP_NAME));
        assertNoInjectedMarkup();
        shoot("desa-requests");
        driver.findElement(By.partialLinkText(code)).click();
        waitUntil(d -> text("main").contains("Riwayat"));
        shoot("desa-request");
        logout();

        login("web.opd");
        waitUntil(d -> text("#queue").contains(code));
        assertNoInjectedMarkup();
        shoot("opd-queue");
        // The queue is live: a filing made elsewhere shows up without the officer doing anything.
        given().auth().oauth2(apiToken("web.desa")).contentType(ContentType.JSON).header("Idempotency-Key", "web-live-1")
                .body(Map.of("serviceTypeId", fixture.surat(), "citizen", Map.of("nik", "7324014107900009", "name", "Warga Kedua"),
                        "answers", Map.of("keperluan", "Bantuan sosial"), "documents", List.of(Map.of("code", "KTP_EL", "provision", "ON_PAPER"))))
                .post("/api/v1/requests").then().statusCode(201);
        waitUntil(d -> text("#queue").contains("Warga Kedua"));
        driver.findElement(By.partialLinkText(code)).click();
        act("request-info", Map.of("missing", "Fotokopi Kartu Keluarga"));
        waitUntil(d -> text("main").contains("Menunggu kelengkapan dari desa"));
        assertEquals("NEEDS_INFO", Db.single("select status from service_request where id = ?1", id));
        logout();

        login("web.desa");
        go("desa/permohonan/" + id);
        waitUntil(d -> text("main").contains("Lengkapi permohonan"));
        assertTrue(text("main").contains("Yang kurang: Fotokopi Kartu Keluarga"));
        type("note", "KK dibawa ke kantor desa");
        shoot("desa-supply-info");
        driver.findElement(By.xpath("//button[normalize-space(.)='Kirim kelengkapan']")).click();
        waitUntil(d -> "SUBMITTED".equals(Db.single("select status from service_request where id = ?1", id)));
        logout();

        login("web.opd");
        go("opd/permohonan/" + id);
        act("accept", Map.of());
        waitUntil(d -> text("main").contains("Anda (8901.web.opd)"));
        shoot("opd-request");
        act("complete", Map.of("resultNote", "Surat selesai, ambil di kantor desa", "documentNumber", "470/12/2026"));
        waitUntil(d -> "COMPLETED".equals(Db.single("select status from service_request where id = ?1", id)));
        assertEquals("470/12/2026", Db.single("select document_number from service_request where id = ?1", id));
        assertEquals(List.of("FILED", "INFO_REQUESTED", "INFO_SUPPLIED", "ACCEPTED", "COMPLETED"),
                Db.rows("select type, id from request_event where request_id = ?1 order by id", id).stream().map(r -> (String) r[0]).toList());
        logout();

        driver.get(base.resolve("/lacak/" + code).toString());
        waitUntil(d -> text("main").contains("Selesai pada"));
        String page = text("main");
        assertTrue(page.contains("Surat Keterangan Domisili") && page.contains("Dinas Kependudukan dan Pencatatan Sipil"), page);
        assertFalse(page.contains(MARKUP_NAME) || page.contains("7324014107900001"), "no personal data on the public page");
        shoot("tracking");
        open("lacak/ZZZZ-ZZZZ-ZZ");
        waitUntil(d -> text("main").contains("Kode lacak tidak ditemukan"));
    }

    @Test
    void everyFieldTypeIsCheckedAsTheServiceChecksAndTheServicesViolationShowsAtItsField() {
        open("masuk");
        login("web.desa");
        go("desa/ajukan/" + fixture.semua());
        waitFor(By.cssSelector("[data-path='answers.nama_usaha']"));
        submit();
        WebElement summary = waitFor(By.cssSelector(".summary:not([hidden])"));
        assertTrue(summary.getText().contains("Periksa isian"), summary.getText());
        for (String path : List.of("citizen.nik", "citizen.name", "answers.nama_usaha", "answers.jumlah", "answers.tanggal",
                "answers.jenis", "answers.sarana", "answers.setuju", "documents.KTP_EL")) {
            assertEquals("true", control(path).getAttribute("aria-invalid"), path + " is marked");
        }
        assertEquals(null, control("answers.uraian").getAttribute("aria-invalid"), "optional and empty is fine");

        fillCitizen("8901994107900001", "Usaha Maju");
        type("answers.nama_usaha", "Warung Kopi Sejahtera");
        type("answers.uraian", "Warung kopi di pinggir jalan poros");
        type("answers.jumlah", "11");
        dateValue("answers.tanggal", "2026-01-31");
        new Select(control("answers.jenis")).selectByValue("MIKRO");
        check("answers.sarana", "LISTRIK");
        check("answers.sarana", "AIR");
        check("answers.sarana", "JALAN");
        choose("answers.setuju", "true");
        choose("documents.KTP_EL", "ATTACHED");
        choose("documents.SURAT_RT", "NOT_APPLICABLE");
        submit();
        waitUntil(d -> errorAt("answers.jumlah").contains("Paling besar 10"));
        assertTrue(errorAt("answers.sarana").contains("Pilih paling banyak 2"), errorAt("answers.sarana"));

        type("answers.jumlah", "3");
        uncheck("answers.sarana", "JALAN");
        submit();
        // The NIK looks well formed, but no province ever had the code 89: only the service knows.
        waitUntil(d -> errorAt("citizen.nik").contains("kode provinsi"));
        assertEquals("true", control("citizen.nik").getAttribute("aria-invalid"));
        assertTrue(text(".summary").contains("Server menolak"), text(".summary"));
        assertEquals(0L, Db.count("select count(*) from service_request where service_type_id = ?1", fixture.semua()));
        shoot("filing-server-violation");

        type("citizen.nik", "7324014107900002");
        submit();
        String code = waitFor(By.id("tracking-code")).getText();
        long id = ((Number) Db.single("select id from service_request where tracking_code = ?1", code)).longValue();
        given().auth().oauth2(apiToken("web.desa")).get("/api/v1/requests/" + id).then().statusCode(200)
                .body("answers.nama_usaha", is("Warung Kopi Sejahtera"))
                .body("answers.uraian", is("Warung kopi di pinggir jalan poros"))
                .body("answers.jumlah", is(3))
                .body("answers.tanggal", is("2026-01-31"))
                .body("answers.jenis", is("MIKRO"))
                .body("answers.sarana", contains("LISTRIK", "AIR"))
                .body("answers.setuju", is(true))
                .body("documents.provision", contains("ATTACHED", "NOT_APPLICABLE"));
    }

    @Test
    void offlineFilingsAreKeptAcrossAReloadAndFiledExactlyOnceWhenTheNetworkReturns() {
        open("masuk");
        login("web.desa");
        ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                navigator.serviceWorker.ready.then(() => {
                  const wait = () => navigator.serviceWorker.controller ? done(true) : setTimeout(wait, 100);
                  wait();
                });""");
        go("desa/ajukan/" + fixture.surat());
        waitFor(By.cssSelector("[data-path='citizen.nik']"));
        network(false);
        try {
            fileSurat("7324014107900003", "Luring Satu");
            waitFor(By.id("kept"));
            driver.findElement(By.xpath("//button[normalize-space(.)='Ajukan lagi']")).click();
            fileSurat("7324014107900004", "Luring Dua");
            waitFor(By.id("kept"));
            go("desa/kirim");
            waitUntil(d -> text("#waiting").contains("Luring Satu") && text("#waiting").contains("Luring Dua"));
            assertTrue(text("#net").contains("2 menunggu kirim"), text("#net"));
            shoot("desa-waiting");

            driver.navigate().refresh();
            waitUntil(d -> text("main").contains("2 permohonan tersimpan di perangkat ini"));
            shoot("login-offline");
        } finally {
            network(true);
        }
        List<Map<String, Object>> kept = outbox();
        assertEquals(2, kept.size());
        assertEquals(0L, Db.count("select count(*) from service_request where citizen_name like 'Luring %'"));

        // The first one reached the service before the app closed, and its answer was lost.
        Map<String, Object> first = kept.stream().filter(i -> i.get("citizenName").equals("Luring Satu")).findFirst().orElseThrow();
        given().auth().oauth2(apiToken("web.desa")).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("idempotencyKey", first.get("key"), "filing", first.get("filing")))))
                .post("/api/v1/requests/batch").then().statusCode(200).body("items[0].status", is(201));
        assertEquals(1L, Db.count("select count(*) from service_request where citizen_name = 'Luring Satu'"));

        login("web.desa");
        waitUntil(d -> outbox().isEmpty());
        assertEquals(1L, Db.count("select count(*) from service_request where citizen_name = 'Luring Satu'"));
        assertEquals(1L, Db.count("select count(*) from service_request where citizen_name = 'Luring Dua'"));
        go("desa/kirim");
        String firstCode = (String) Db.single("select tracking_code from service_request where citizen_name = 'Luring Satu'");
        waitUntil(d -> text("#sent").contains(firstCode));
        assertTrue(text("#waiting").contains("Tidak ada") || driver.findElements(By.cssSelector("#waiting li")).isEmpty());
        shoot("desa-sent");

        // Sending again changes nothing.
        ((JavascriptExecutor) driver).executeScript("window.dispatchEvent(new Event('online'))");
        go("desa/permohonan");
        waitUntil(d -> text("#requests").contains(firstCode));
        assertEquals(1L, Db.count("select count(*) from service_request where citizen_name = 'Luring Satu'"));
        assertEquals(1L, Db.count("select count(*) from service_request where citizen_name = 'Luring Dua'"));
    }

    @Test
    void logoutEndsTheSessionAndLeavesNoTokenOnTheDevice() {
        open("masuk");
        login("web.desa");
        go("desa/permohonan");
        waitFor(By.id("requests"));
        logout();
        waitUntil(d -> text("#flash").contains("Anda sudah keluar"));
        JavascriptExecutor js = driver;
        assertEquals(0L, js.executeScript("return sessionStorage.length"));
        assertEquals(0L, js.executeScript("return localStorage.length"));
        assertEquals("", js.executeScript("return document.cookie"));
        assertTrue(driver.manage().getCookies().isEmpty());
        String stored = (String) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const out = [];
                  for (const info of await indexedDB.databases()) {
                    const db = await new Promise((ok, ko) => { const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); r.onerror = ko; });
                    for (const name of db.objectStoreNames) {
                      const all = await new Promise((ok) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => ok(r.result); });
                      out.push(JSON.stringify(all));
                    }
                    db.close();
                  }
                  for (const name of await caches.keys()) {
                    for (const req of await (await caches.open(name)).keys()) out.push(req.url + ' ' + JSON.stringify([...req.headers]));
                  }
                  return out.join('\\n');
                })().then(done, (e) => done('error ' + e));""");
        assertFalse(stored.startsWith("error"), stored);
        assertFalse(stored.matches("(?s).*eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+.*"), "a token is stored: " + stored);
        assertFalse(stored.contains("/api/"), "API answers are cached: " + stored);
        assertFalse(stored.toLowerCase().contains("authorization"), stored);

        go("desa/permohonan");
        waitFor(By.cssSelector("[data-path='username']"));
        assertTrue(driver.findElements(By.id("logout")).isEmpty(), "no session after logout");

        // A session left alone ends by itself (here after 3 s instead of 15 min).
        login("web.desa");
        go("desa/permohonan");
        waitFor(By.id("requests"));
        ((JavascriptExecutor) driver).executeScript("document.documentElement.dataset.idleMinutes = '0.05'");
        waitUntil(d -> text("#flash").contains("keluar otomatis"));
        waitFor(By.cssSelector("input[data-path='username']"));
        assertTrue(driver.findElements(By.id("logout")).isEmpty(), "no session after the idle timeout");
        assertTrue(driver.findElements(By.id("requests")).isEmpty(), "the desa's requests are no longer on the screen");
    }

    @Test
    void anAdminCreatesAndDisablesAnAccountReadsTheSetupAndExplainsRouting() {
        open("masuk");
        login("web.admin");
        waitFor(By.id("accounts"));
        type("username", "web.baru");
        type("displayName", "Operator <b>Baru</b>");
        new Select(control("role")).selectByValue("DESA_OFFICER");
        type("desaCode", "89.01.01.2002");
        driver.findElement(By.cssSelector("form.card input[data-path='password']")).sendKeys(PASSWORD);
        driver.findElement(By.xpath("//button[normalize-space(.)='Buat akun']")).click();
        waitUntil(d -> text("#accounts").contains("8901.web.baru"));
        assertTrue(text("#accounts").contains("Operator <b>Baru</b>"));
        assertTrue(text("#accounts li[data-username='8901.web.baru']").contains("Belum ganti kata sandi"));
        assertNoInjectedMarkup();
        apiToken("web.baru");
        WebElement row = driver.findElement(By.cssSelector("#accounts li[data-username='8901.web.baru']"));
        row.findElement(By.xpath(".//button[normalize-space(.)='Nonaktifkan']")).click();
        waitUntil(d -> driver.findElement(By.cssSelector("#accounts li[data-username='8901.web.baru']")).getText().contains("Nonaktif"));
        given().contentType(ContentType.JSON).body(Map.of("username", "8901.web.baru", "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);
        shoot("admin-accounts");

        go("admin/opd");
        waitUntil(d -> text("main").contains("Dinas Sosial"));
        shoot("admin-opds");
        go("admin/layanan");
        waitUntil(d -> text("main").contains("Uji Semua Jenis Isian"));
        shoot("admin-catalog");
        go("admin/aturan");
        waitUntil(d -> text("main").contains("Aturan rute"));
        shoot("admin-rules");
        go("admin/uji-rute");
        new Select(waitFor(By.cssSelector("[data-path='serviceTypeId']"))).selectByValue(String.valueOf(fixture.surat()));
        type("desa", DESA);
        driver.findElement(By.xpath("//button[normalize-space(.)='Uji']")).click();
        waitUntil(d -> text("#explain-result").contains("OPD bawaan layanan"));
        assertTrue(text("#explain-result").contains("Dinas Kependudukan dan Pencatatan Sipil"));
        shoot("admin-explain");
        go("opd/antrean");
        waitFor(By.id("queue"));
        shoot("admin-triage");
    }

    @Test
    void aNewAccountSetsItsOwnPasswordAtItsFirstLoginBeforeAnythingElse() {
        String admin = TestAccounts.admin(KABUPATEN);
        Map<String, Object> body = new HashMap<>(Map.of("username", "web.pertama", "displayName", "Operator Pertama",
                "role", "DESA_OFFICER", "desaCode", DESA, "password", FIRST_PASSWORD));
        post(admin, "/api/v1/accounts", body);
        open("masuk");
        submitLogin("8901.web.pertama", FIRST_PASSWORD);
        waitFor(By.id("own-password"));
        assertTrue(driver.findElements(By.id("logout")).isEmpty(), "no menu before the account has its own password");
        shoot("own-password");
        driver.findElement(By.cssSelector("#own-password input[data-path='newPassword']")).sendKeys("pendek");
        driver.findElement(By.cssSelector("#own-password input[data-path='repeat']")).sendKeys("pendek");
        driver.findElement(By.xpath("//button[normalize-space(.)='Simpan kata sandi']")).click();
        waitUntil(d -> errorAt("newPassword").contains("Paling sedikit 10 karakter"));
        driver.findElement(By.cssSelector("#own-password input[data-path='newPassword']")).clear();
        driver.findElement(By.cssSelector("#own-password input[data-path='newPassword']")).sendKeys("Pertama2026sendiri");
        driver.findElement(By.cssSelector("#own-password input[data-path='repeat']")).clear();
        driver.findElement(By.cssSelector("#own-password input[data-path='repeat']")).sendKeys("Pertama2026sendiri");
        driver.findElement(By.xpath("//button[normalize-space(.)='Simpan kata sandi']")).click();
        waitFor(By.id("logout"));
        given().contentType(ContentType.JSON).body(Map.of("username", "8901.web.pertama", "password", FIRST_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", "8901.web.pertama", "password", "Pertama2026sendiri"))
                .post("/api/v1/auth/login").then().statusCode(200).body("account.passwordChangeRequired", is(false));
        logout();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** A fresh page load: whatever session the last test had is gone with it. */
    void open(String route) {
        driver.get("about:blank");
        driver.get(base.resolve("/").toString() + "#/" + route);
    }

    void go(String route) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", "#/" + route);
    }

    void login(String username) {
        submitLogin(stored(username), PASSWORD);
        waitFor(By.id("logout"));
    }

    /** Fills the login form and sends it. */
    void submitLogin(String username, String password) {
        By usernameField = By.cssSelector("input[data-path='username']");
        waitFor(usernameField).clear();
        driver.findElement(usernameField).sendKeys(username);
        driver.findElement(By.cssSelector("input[data-path='password']")).sendKeys(password);
        driver.findElement(By.xpath("//button[normalize-space(.)='Masuk']")).click();
    }

    void logout() {
        waitFor(By.id("logout")).click();
        waitFor(By.cssSelector("input[data-path='username']"));
    }

    void fillCitizen(String nik, String name) {
        type("citizen.nik", nik);
        type("citizen.name", name);
        type("citizen.phone", "0812 3456 7890");
    }

    void fileSurat(String nik, String name) {
        waitFor(By.cssSelector("[data-path='citizen.nik']"));
        fillCitizen(nik, name);
        type("answers.keperluan", "Pindah sekolah");
        choose("documents.KTP_EL", "ON_PAPER");
        submit();
    }

    void submit() {
        driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    }

    /** Runs one action of the OPD detail screen. */
    void act(String verb, Map<String, String> values) {
        WebElement form = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector("form[data-action='" + verb + "']")).stream().findFirst().orElse(null));
        WebElement details = form.findElement(By.xpath("./ancestor::details"));
        if (details.getAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        values.forEach((path, value) -> {
            WebElement c = form.findElement(By.cssSelector("[data-path='" + path + "']"));
            c.clear();
            c.sendKeys(value);
        });
        form.findElement(By.cssSelector("button[type='submit']")).click();
        waitUntil(d -> text("#flash").contains("berhasil"));
    }

    WebElement control(String path) {
        return waitFor(By.cssSelector("main [data-path='" + path + "']"));
    }

    void type(String path, String value) {
        WebElement c = control(path);
        c.clear();
        c.sendKeys(value);
    }

    void dateValue(String path, String isoDate) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", control(path), isoDate);
    }

    void choose(String path, String value) {
        control(path).findElement(By.cssSelector("input[value='" + value + "']")).click();
    }

    void check(String path, String value) {
        WebElement box = control(path).findElement(By.cssSelector("input[value='" + value + "']"));
        if (!box.isSelected()) {
            box.click();
        }
    }

    void uncheck(String path, String value) {
        WebElement box = control(path).findElement(By.cssSelector("input[value='" + value + "']"));
        if (box.isSelected()) {
            box.click();
        }
    }

    String errorAt(String path) {
        WebElement c = control(path);
        String id = c.getAttribute("aria-describedby");
        StringBuilder out = new StringBuilder();
        for (String part : id.split(" ")) {
            if (part.endsWith("-err")) {
                out.append(driver.findElement(By.id(part)).getText());
            }
        }
        return out.toString();
    }

    String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    void waitUntil(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(40)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    void assertNoInjectedMarkup() {
        assertTrue(driver.findElements(By.cssSelector("main img, main b")).isEmpty(), "markup from data became elements");
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
    }

    /** Switches the page's network off or on through the DevTools protocol. */
    void network(boolean online) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", !online, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> outbox() {
        return (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const r = indexedDB.open('layanan-desa');
                r.onsuccess = () => {
                  const q = r.result.transaction('outbox').objectStore('outbox').getAll();
                  q.onsuccess = () => { r.result.close(); done(q.result); };
                };
                r.onerror = () => done(null);""");
    }

    /** The page at 360 px (a phone) and at 1280 px, whole length, under target/screenshots/. */
    void shoot(String name) {
        Object unlabelled = ((JavascriptExecutor) driver).executeScript("""
                return [...document.querySelectorAll('input, select, textarea')]
                  .filter((e) => e.type !== 'hidden' && !e.getAttribute('aria-label')
                    && !(e.id && document.querySelector('label[for="' + CSS.escape(e.id) + '"]')))
                  .map((e) => e.outerHTML);""");
        assertEquals(List.of(), unlabelled, name + ": every field has a label");
        for (int width : new int[]{360, 1280}) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 800,
                    "deviceScaleFactor", 1, "mobile", width < 600));
            long height = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return Math.min(4000, Math.max(800, document.documentElement.scrollHeight))");
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", width < 600));
            try {
                Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
}
