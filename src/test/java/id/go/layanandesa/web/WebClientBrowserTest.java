package id.go.layanandesa.web;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.ScratchKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestRateLimiter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
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
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    record Fixture(long disdukcapil, long dinsos, long surat, long semua, long camat, long legalisasi) {
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Clock clock;

    @Inject
    TestRateLimiter limiter;

    /** A failed test leaves what the page showed: a screenshot, the page's text and what the browser logged. */
    @RegisterExtension
    static final TestExecutionExceptionHandler KEEP_THE_PAGE = (context, error) -> {
        if (driver != null) {
            keepThePage("failed-" + context.getRequiredTestMethod().getName());
        }
        throw error;
    };

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
        // public tracking and verification allow a client address a few look-ups a minute, and the tests before this
        // one in the same minute used them from the same address
        limiter.startAfresh();
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
                        field("tanggal", "Tanggal mulai usaha", "DATE", true, Map.of("minDate", "2000-01-01", "maxDate", "2199-12-31",
                                "notAfterToday", true)),
                        field("jenis", "Jenis usaha", "SINGLE_CHOICE", true, Map.of("options", List.of("MIKRO", "KECIL"))),
                        field("sarana", "Sarana", "MULTI_CHOICE", true, Map.of("options", List.of("LISTRIK", "AIR", "JALAN"), "min", 1, "max", 2)),
                        field("setuju", "Data benar", "BOOLEAN", true, Map.of()))));
        // a queue of its own for the test of who holds what, so that what other tests leave in Disdukcapil's does not count
        long camat = post(admin, "/api/v1/opds", Map.of("code", "CAMAT_SATU", "name", "Kantor Camat Kecamatan Satu",
                "kind", "KECAMATAN", "regionCode", KABUPATEN + ".01", "triage", false));
        long legalisasi = post(admin, "/api/v1/service-types", Map.of("code", "LEGALISASI", "name", "Legalisasi Dokumen",
                "defaultOpdId", camat, "timeLimitDays", 2, "fee", 0,
                "documents", List.of(Map.of("code", "KTP_EL", "name", "KTP-el pemohon", "mandatory", true)),
                "fields", List.of(field("keperluan", "Keperluan", "TEXT", true, Map.of("minLength", 3, "maxLength", 100)))));
        account(admin, "web.desa", "Operator Desa Satu", "DESA_OFFICER", Map.of("desaCode", DESA));
        account(admin, "web.camat", "Petugas Kecamatan", "OPD_OFFICER", Map.of("opdId", camat));
        account(admin, "web.opd", "Petugas Disdukcapil", "OPD_OFFICER", Map.of("opdId", disdukcapil));
        account(admin, "web.admin", "Admin Uji", "ADMIN", Map.of());
        account(admin, "web.lupa", "Operator Pelupa", "DESA_OFFICER", Map.of("desaCode", DESA));
        account(admin, "web.lihat", "Pemantau Uji", "VIEWER", Map.of());
        fixture = new Fixture(disdukcapil, dinsos, surat, semua, camat, legalisasi);
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
        // Seen again, the list and the request cost a 304 without a body: nothing changed since.
        forgetNetwork();
        go("desa/permohonan");
        waitUntil(d -> text("#requests").contains(code));
        driver.findElement(By.partialLinkText(code)).click();
        waitUntil(d -> text("main").contains("Riwayat"));
        assertOnlyNotModified("/api/v1/requests", "the desa's list, read again");
        assertOnlyNotModified("/api/v1/requests/" + id, "the request, read again");
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

        // A NIK of a province that never existed, too many workers, too many choices: the page says so itself.
        fillCitizen("8901014107900001", "Usaha Maju");
        type("answers.nama_usaha", "Warung Kopi Sejahtera");
        type("answers.uraian", "Warung kopi di pinggir jalan poros");
        type("answers.jumlah", "11");
        // After today: only the service knows the kabupaten's today, so the page leaves this one to it.
        String tomorrowAndMore = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30).toString();
        dateValue("answers.tanggal", tomorrowAndMore);
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
        assertTrue(errorAt("citizen.nik").contains("kode provinsi"), errorAt("citizen.nik"));
        assertEquals("", errorAt("answers.tanggal"), "the page does not judge today");

        type("citizen.nik", "7324014107900005");
        type("answers.jumlah", "3");
        uncheck("answers.sarana", "JALAN");
        submit();
        // The service refuses the date after today (notAfterToday) and the page shows it at its field.
        waitUntil(d -> errorAt("answers.tanggal").contains("Tidak boleh sesudah hari ini"));
        assertEquals("true", control("answers.tanggal").getAttribute("aria-invalid"));
        assertEquals(null, control("citizen.nik").getAttribute("aria-invalid"));
        assertTrue(text(".summary").contains("Server menolak"), text(".summary"));
        assertEquals(0L, Db.count("select count(*) from service_request where service_type_id = ?1", fixture.semua()));
        shoot("filing-server-violation");

        String started = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(30).toString();
        dateValue("answers.tanggal", started);
        submit();
        String code = waitFor(By.id("tracking-code")).getText();
        long id = ((Number) Db.single("select id from service_request where tracking_code = ?1", code)).longValue();
        given().auth().oauth2(apiToken("web.desa")).get("/api/v1/requests/" + id).then().statusCode(200)
                .body("answers.nama_usaha", is("Warung Kopi Sejahtera"))
                .body("answers.uraian", is("Warung kopi di pinggir jalan poros"))
                .body("answers.jumlah", is(3))
                .body("answers.tanggal", is(started))
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
        long ended = endedSessions("web.desa", "LOGOUT");
        open("masuk");
        login("web.desa");
        go("desa/permohonan");
        // loaded: the list says what it shows (an empty list has no height, so it is never "displayed")
        waitFor(By.id("requests-status"));
        logout();
        waitUntil(d -> text("#flash").contains("Anda sudah keluar"));
        // the service ended the session: the token would be refused wherever a copy of it might be
        waitUntil(d -> endedSessions("web.desa", "LOGOUT") == ended + 1);
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
        waitFor(By.id("requests-status"));
        ((JavascriptExecutor) driver).executeScript("document.documentElement.dataset.idleMinutes = '0.05'");
        waitUntil(d -> text("#flash").contains("keluar otomatis"));
        waitFor(By.cssSelector("input[data-path='username']"));
        waitUntil(d -> endedSessions("web.desa", "LOGOUT") == ended + 2);
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
        logout();

        // A viewer reads the setup and asks where a request would go; it has no accounts and no queue.
        login("web.lihat");
        waitUntil(d -> text("main").contains("Katalog layanan") && text("main").contains("Uji Semua Jenis Isian"));
        String menu = text("#nav");
        assertTrue(menu.contains("Katalog") && menu.contains("Uji rute"), menu);
        assertFalse(menu.contains("Akun") || menu.contains("Triase"), menu);
        shoot("viewer-catalog");
        go("admin/akun");
        waitUntil(d -> text("main").contains("Katalog layanan"));
    }

    @Test
    void anAdminImportsOfficersFromACsvDownloadsTheirActivationSheetAndTheSameFileAgainChangesNothing() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "browser-files").toAbsolutePath()), "import");
        Path csv = Files.writeString(dir.resolve("petugas.csv"), """
                username,displayName,role,desa,opd
                impor.desa,Operator <b>Desa Dua</b>,DESA_OFFICER,89.01.01.2002,
                impor.sosial,Petugas Dinas Sosial,OPD_OFFICER,,DINSOS
                impor.luar,Operator Desa Luar,DESA_OFFICER,73.24.04.2001,
                """);
        Path downloads = Files.createDirectories(dir.resolve("unduhan"));

        open("masuk");
        login("web.admin");
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        waitFor(By.id("accounts"));
        WebElement pick = control("csv");
        assertEquals(".csv,text/csv", pick.getAttribute("accept"));
        pick.sendKeys(csv.toString());
        driver.findElement(By.xpath("//button[normalize-space(.)='Impor akun dari CSV']")).click();
        waitUntil(d -> text("#import-summary").contains("2 dibuat, 0 sudah ada, 1 ditolak"));
        assertEquals(List.of("2 8901.impor.desa Dibuat", "3 8901.impor.sosial Dibuat"), importLines("CREATED"));
        List<String> rejected = importLines("REJECTED");
        assertEquals(1, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).startsWith("4 8901.impor.luar Ditolak Desa atau OPD tidak sesuai"), rejected.get(0));
        assertTrue(text("#import-report").contains("Kata sandi aktivasi hanya ditampilkan sekarang"));
        assertNoInjectedMarkup();
        // the list shows the new accounts without a reload
        waitUntil(d -> text("#accounts").contains("8901.impor.sosial") && text("#accounts").contains("Operator <b>Desa Dua</b>"));
        shoot("admin-import");

        driver.findElement(By.id("activation-sheet")).click();
        Path sheetFile = downloads.resolve("lembar-aktivasi-akun.csv");
        // a download this small may show under its name a moment before its bytes are written
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(sheetFile) && sheetFile.toFile().length() > 0);
        String sheet = new String(downloaded(sheetFile), java.nio.charset.StandardCharsets.UTF_8);
        List<String> sheetLines = sheet.lines().toList();
        assertEquals("username,displayName,role,scope,activationSecret", sheetLines.get(0));
        assertEquals(3, sheetLines.size(), sheet);
        assertTrue(sheetLines.get(1).startsWith("8901.impor.desa,") && sheetLines.get(2).startsWith("8901.impor.sosial,"), sheet);
        assertFalse(sheet.contains("impor.luar"), sheet);
        String secret = sheetLines.get(2).substring(sheetLines.get(2).lastIndexOf(',') + 1);
        given().contentType(ContentType.JSON).body(Map.of("username", "8901.impor.sosial", "password", secret))
                .post("/api/v1/auth/login").then().statusCode(200);
        assertEquals(List.of("8901.impor.desa DESA_OFFICER 89.01.01.2002 null", "8901.impor.sosial OPD_OFFICER null " + fixture.dinsos()),
                Db.rows("select username, role, desa_code, opd_id from account where username like '%impor.%' order by username").stream()
                        .map(r -> r[0] + " " + r[1] + " " + r[2] + " " + r[3]).toList());

        // the same file again: a new import, which finds both accounts as the file describes them
        driver.findElement(By.xpath("//button[normalize-space(.)='Impor akun dari CSV']")).click();
        waitUntil(d -> text("#import-summary").contains("0 dibuat, 2 sudah ada, 1 ditolak"));
        assertEquals(List.of("2 8901.impor.desa Sudah ada, tidak diubah", "3 8901.impor.sosial Sudah ada, tidak diubah"), importLines("UNCHANGED"));
        assertFalse(text("#import-report").contains("Kata sandi aktivasi"), "no secrets when nothing was created");
        assertTrue(driver.findElements(By.id("activation-sheet")).isEmpty());
        assertEquals(2L, Db.count("select count(*) from account where username like '%impor.%'"));
        shoot("admin-import-again");

        // a file without the header line is refused as a whole, in Bahasa Indonesia
        Path headless = Files.writeString(dir.resolve("tanpa-judul.csv"), "impor.lain,Operator Lain,DESA_OFFICER,89.01.01.2001,\n");
        control("csv").sendKeys(headless.toString());
        driver.findElement(By.xpath("//button[normalize-space(.)='Impor akun dari CSV']")).click();
        waitUntil(d -> text("#import-report [role='alert']").contains("Baris pertama berkas harus menamai kolom"));
        assertEquals(2L, Db.count("select count(*) from account where username like '%impor.%'"));
    }

    /** The lines of the import report with this outcome: line number, username, outcome and reason as shown. */
    List<String> importLines(String outcome) {
        return driver.findElements(By.cssSelector("#import-lines tr[data-outcome='" + outcome + "']")).stream()
                .map(r -> r.findElements(By.tagName("td")).stream().map(WebElement::getText).filter(t -> !t.isEmpty())
                        .collect(java.util.stream.Collectors.joining(" ")))
                .toList();
    }

    @Test
    void theOpdSeesWhoHoldsWhatAndWhatItHandledBefore() {
        long claimed = fileByApi("Warga Diambil", "7324014107900011");
        long forwarded = fileByApi("Warga Diteruskan", "7324014107900012");
        // The kecamatan office's system claims the oldest due (the first filed) for five minutes.
        String key = given().auth().oauth2(TestAccounts.admin(KABUPATEN)).contentType(ContentType.JSON)
                .body(Map.of("opdId", fixture.camat(), "name", "Sistem kecamatan")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        String claimId = given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("limit", 1, "leaseSeconds", 300, "consumer", "siak-uji-1")).post("/api/v1/queue/claims")
                .then().statusCode(200).body("items.id", contains((int) claimed)).extract().path("claimId");

        open("masuk");
        login("web.camat");
        WebElement row = waitFor(By.xpath("//ul[@id='queue']/li[contains(., 'Warga Diambil')]"));
        assertTrue(row.getText().contains("Dipegang: Sistem OPD siak-uji-1 sampai"), row.getText());
        shoot("opd-queue-holders");

        // While the system holds it, the officer cannot take it, and is told why.
        go("opd/permohonan/" + claimed);
        waitUntil(d -> text("main").contains("Diambil sistem OPD"));
        assertTrue(text("main").contains("Diambil siak-uji-1 sampai"), "the claim in the history, in the officer's words");
        submitAction("accept");
        waitUntil(d -> text("form[data-action='accept'] .summary").contains("sedang diambil sistem OPD"));
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("claimId", claimId))
                .post("/api/v1/queue/requests/" + claimed + "/release").then().statusCode(200);
        go("opd/antrean");
        go("opd/permohonan/" + claimed);
        waitUntil(d -> text("main").contains("Dikembalikan ke antrean"));
        act("accept", Map.of());
        waitUntil(d -> text("main").contains("Anda (8901.web.camat)"));
        act("complete", Map.of("resultNote", "Selesai, ambil di kantor desa"));
        waitUntil(d -> "COMPLETED".equals(Db.single("select status from service_request where id = ?1", claimed)));

        // An open request follows what happens elsewhere: the desa cancels one while the officer looks at it.
        long cancelled = fileByApi("Warga Batal", "7324014107900013");
        ((JavascriptExecutor) driver).executeScript("document.documentElement.dataset.pollSeconds = '2'");
        go("opd/permohonan/" + cancelled);
        waitFor(By.cssSelector("form[data-action='accept']"));
        String desa = apiToken("web.desa");
        String version = given().auth().oauth2(desa).get("/api/v1/requests/" + cancelled).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(desa).contentType(ContentType.JSON).header("If-Match", version).header("Idempotency-Key", "web-batal-1")
                .body(Map.of("reason", "Warga tidak jadi")).post("/api/v1/requests/" + cancelled + "/cancel").then().statusCode(200);
        waitUntil(d -> text("main").contains("Dibatalkan") && d.findElements(By.cssSelector("form[data-action]")).isEmpty());
        ((JavascriptExecutor) driver).executeScript("delete document.documentElement.dataset.pollSeconds");

        go("opd/permohonan/" + forwarded);
        act("forward", Map.of("toOpdId", String.valueOf(fixture.dinsos()), "reason", "Urusan bantuan sosial"));
        waitUntil(d -> text("#not-ours").contains("Dinas Sosial"));
        assertTrue(driver.findElements(By.cssSelector("form[data-action]")).isEmpty(), "no actions on what another OPD has");
        assertEquals(fixture.dinsos(), ((Number) Db.single("select opd_id from service_request where id = ?1", forwarded)).longValue());

        // What the OPD handled: the finished one and the one it forwarded, each saying where it is now.
        go("opd/ditangani");
        waitUntil(d -> text("#handled").contains("Warga Diambil") && text("#handled").contains("Warga Diteruskan"));
        assertTrue(driver.findElement(By.xpath("//ul[@id='handled']/li[contains(., 'Warga Diteruskan')]")).getText()
                .contains("Sekarang di: Dinas Sosial"));
        shoot("opd-handled");
        new Select(control("kind")).selectByValue("COMPLETED");
        driver.findElement(By.xpath("//button[normalize-space(.)='Tampilkan']")).click();
        waitUntil(d -> text("#handled-status").startsWith("1 permohonan ditampilkan"));
        assertFalse(text("#handled").contains("Warga Diteruskan"), text("#handled"));
        assertTrue(text("#handled").contains("Warga Diambil"), text("#handled"));
    }

    @Test
    void failedLoginsMakeTheDeviceWaitAndTheAdminLiftsTheWaits() {
        open("masuk");
        String said = "";
        for (int i = 0; i < 12 && !said.contains("Terlalu banyak"); i++) {
            said = failLogin(stored("web.lupa"));
        }
        assertTrue(said.contains("Terlalu banyak percobaan masuk yang gagal") && said.matches("(?s).*Coba lagi dalam \\d+ (detik|menit).*"), said);
        shoot("login-wait");
        long failures = Db.count("select failed_logins from account where username = '8901.web.lupa'");
        assertTrue(failures >= 5, "failures counted: " + failures);

        // Another username from this device is not held up; the admin sees the failures and lifts the waits.
        login("web.admin");
        WebElement row = waitFor(By.cssSelector("#accounts li[data-username='8901.web.lupa']"));
        assertTrue(row.getText().contains("Gagal masuk " + failures + "×"), row.getText());
        assertFalse(row.getText().contains("Terkunci"));
        shoot("admin-account-failed-logins");
        row.findElement(By.xpath(".//button[normalize-space(.)='Hapus penundaan masuk']")).click();
        waitUntil(d -> text("#flash").contains("Penundaan masuk 8901.web.lupa dihapus"));
        assertFalse(driver.findElement(By.cssSelector("#accounts li[data-username='8901.web.lupa']")).getText().contains("Gagal masuk"));
        assertEquals(0L, Db.count("select failed_logins from account where username = '8901.web.lupa'"));
        logout();

        login("web.lupa");
        waitFor(By.id("cari-layanan"));
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

    @Test
    void theDesaAttachesScansDownloadsThemAndPrintsTheReceipt() throws IOException {
        String desaToken = apiToken("web.desa");
        Map<String, Object> filed = given().auth().oauth2(desaToken).contentType(ContentType.JSON).header("Idempotency-Key", "web-attach-1")
                .body(Map.of("serviceTypeId", fixture.surat(), "citizen", Map.of("nik", "7324014107900021", "name", "Warga Berkas"),
                        "answers", Map.of("keperluan", "Melamar pekerjaan"), "documents", List.of(Map.of("code", "KTP_EL", "provision", "ATTACHED"))))
                .post("/api/v1/requests").then().statusCode(201).extract().as(Map.class);
        long id = ((Number) filed.get("id")).longValue();
        String code = (String) filed.get("trackingCode");
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "browser-files").toAbsolutePath()), "attach");
        Path scan = Files.write(dir.resolve("ktp-depan.pdf"), "%PDF-1.4\n% KTP-el pemohon\n%%EOF\n".getBytes());
        Path text = Files.write(dir.resolve("catatan.txt"), "bukan pindaian".getBytes());
        // a photo (PNG by its content) under a PDF's name
        Path disguised = Files.write(dir.resolve("foto.pdf"), new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});
        byte[] big = new byte[6 * 1024 * 1024];
        System.arraycopy("%PDF-1.4\n".getBytes(), 0, big, 0, 9);
        Path tooBig = Files.write(dir.resolve("besar.pdf"), big);
        Path downloads = Files.createDirectories(dir.resolve("unduhan"));

        open("masuk");
        login("web.desa");
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        go("desa/permohonan/" + id);
        waitUntil(d -> text("#files").contains("Belum ada berkas"));
        WebElement pick = control("file.KTP_EL");
        assertEquals("application/pdf,image/jpeg,image/png", pick.getAttribute("accept"));
        assertEquals("environment", control("photo.KTP_EL").getAttribute("capture"), "the phone's camera is offered");
        assertEquals("file", control("photo.KTP_EL").getAttribute("type"));

        // what the service refuses is said in Bahasa Indonesia, and nothing is attached
        control("file.KTP_EL").sendKeys(text.toString());
        waitUntil(d -> text("[data-attach='KTP_EL'] [role='status']").contains("Jenis berkas tidak diterima"));
        control("file.KTP_EL").sendKeys(disguised.toString());
        waitUntil(d -> text("[data-attach='KTP_EL'] [role='status']").contains("Isi berkas tidak sesuai"));
        control("file.KTP_EL").sendKeys(tooBig.toString());
        waitUntil(d -> text("[data-attach='KTP_EL'] [role='status']").contains("Berkas terlalu besar (paling besar 5 MB)"));
        assertEquals(0L, Db.count("select count(*) from request_file where request_id = ?1", id));

        control("file.KTP_EL").sendKeys(scan.toString());
        waitUntil(d -> text("#files").contains("ktp-depan.pdf"));
        assertTrue(text("#flash").contains("Berkas terunggah: ktp-depan.pdf"), text("#flash"));
        assertTrue(text("#files").contains("KTP-el pemohon") && text("#files").contains("8901.web.desa"), text("#files"));
        waitUntil(d -> text("main").contains("Berkas dilampirkan"));
        assertEquals(1L, Db.count("select count(*) from request_file where request_id = ?1 and document_code = 'KTP_EL'", id));
        shoot("desa-attach");

        driver.findElement(By.xpath("//div[@id='files']//button[normalize-space(.)='ktp-depan.pdf']")).click();
        assertArrayEquals(Files.readAllBytes(scan), downloaded(downloads.resolve("ktp-depan.pdf")), "the download is the file uploaded");

        driver.findElement(By.id("receipt-pdf")).click();
        byte[] receipt = downloaded(downloads.resolve("tanda-terima-" + code + ".pdf"));
        assertEquals("%PDF-", new String(receipt, 0, 5), "the receipt is a PDF");
    }

    @Test
    void theOpdCompletesWithAResultDocumentTheDesaDownloadsItAndAnyoneVerifiesIt() throws IOException {
        Map<String, Object> filed = given().auth().oauth2(apiToken("web.desa")).contentType(ContentType.JSON).header("Idempotency-Key", "web-result-1")
                .body(Map.of("serviceTypeId", fixture.surat(), "citizen", Map.of("nik", "7324014107900031", "name", "Warga Hasil"),
                        "answers", Map.of("keperluan", "Melamar pekerjaan"), "documents", List.of(Map.of("code", "KTP_EL", "provision", "ON_PAPER"))))
                .post("/api/v1/requests").then().statusCode(201).extract().as(Map.class);
        long id = ((Number) filed.get("id")).longValue();
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "browser-files").toAbsolutePath()), "result");
        Path result = Files.write(dir.resolve("surat-domisili.pdf"), "%PDF-1.4\n% Surat Keterangan Domisili, ditandatangani\n%%EOF\n".getBytes());
        Path photo = Files.write(dir.resolve("foto-surat.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});
        Path forged = Files.write(dir.resolve("salinan.pdf"), "%PDF-1.4\n% Surat yang diubah\n%%EOF\n".getBytes());
        Path downloads = Files.createDirectories(dir.resolve("unduhan"));

        open("masuk");
        login("web.opd");
        go("opd/permohonan/" + id);
        act("accept", Map.of());
        // a result document must be a PDF: the completion waits, and the request stays in progress
        WebElement form = waitFor(By.cssSelector("form[data-action='complete']"));
        form.findElement(By.cssSelector("[data-path='resultDocument']")).sendKeys(photo.toString());
        form.findElement(By.cssSelector("[data-path='resultNote']")).sendKeys("Surat selesai");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        waitUntil(d -> text("form[data-action='complete'] .summary").contains("Jenis berkas tidak diterima"));
        assertEquals("IN_PROGRESS", Db.single("select status from service_request where id = ?1", id));
        form.findElement(By.cssSelector("[data-path='resultDocument']")).sendKeys(result.toString());
        shoot("opd-complete-with-result");
        act("complete", Map.of("resultNote", "Surat selesai, ambil di kantor desa", "documentNumber", "470/13/2026"));
        waitUntil(d -> "COMPLETED".equals(Db.single("select status from service_request where id = ?1", id)));
        String verification = (String) Db.single("select verification_code from request_file where request_id = ?1 and kind = 'RESULT'", id);
        assertTrue(verification != null && verification.matches("[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}"), String.valueOf(verification));
        assertEquals(1L, Db.count("select count(*) from request_file where request_id = ?1", id), "one result document, the PNG was refused");
        logout();

        login("web.desa");
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        go("desa/permohonan/" + id);
        waitUntil(d -> text("#files").contains("surat-domisili.pdf"));
        assertTrue(text("#files").contains("Dokumen hasil") && text("#files").contains(verification), text("#files"));
        shoot("desa-result-document");
        driver.findElement(By.xpath("//div[@id='files']//button[normalize-space(.)='surat-domisili.pdf']")).click();
        assertArrayEquals(Files.readAllBytes(result), downloaded(downloads.resolve("surat-domisili.pdf")));
        logout();

        // anyone, without an account
        open("verifikasi/" + verification);
        waitUntil(d -> text("#verification").contains("Surat Keterangan Domisili"));
        String page = text("#verification");
        assertTrue(page.contains("Dinas Kependudukan dan Pencatatan Sipil") && page.contains("470/13/2026"), page);
        assertFalse(page.contains("Warga Hasil") || page.contains("7324014107900031"), "nothing personal");
        assertFalse(driver.findElements(By.id("logout")).size() > 0, "no login");
        shoot("verification");
        control("copy").sendKeys(result.toString());
        submit();
        waitUntil(d -> text("#verdict").contains("Berkas ini asli"));
        control("copy").sendKeys(forged.toString());
        submit();
        waitUntil(d -> text("#verdict").contains("TIDAK sama"));
        open("verifikasi/ZZZZ-ZZZZ-ZZ");
        waitUntil(d -> text("main").contains("Kode verifikasi tidak dikenal"));
    }

    @Test
    void anAdminReadsTheAuditTrailSetsTheRetentionPolicyAndExportsACitizensData() throws IOException {
        Path downloads = Files.createTempDirectory(Files.createDirectories(Path.of("target", "browser-files").toAbsolutePath()), "audit");
        String admin = apiToken("web.admin");
        // a change made here, which the trail shows
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", "web-audit-holiday")
                .body(Map.of("date", "2031-03-11", "name", "Libur uji jejak audit")).post("/api/v1/holidays").then().statusCode(201);
        // a citizen's request that finished two years ago: due under a policy of one year
        String nik = "7324014107900031";
        long old = fileByApi("Warga Lama", nik);
        String trackingCode = (String) Db.single("select tracking_code from service_request where id = ?1", old);
        Db.exec("update service_request set status = 'CANCELLED', finished_at = now() - interval '2 years' where id = ?1", old);

        open("masuk");
        login("web.admin");
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        String menu = text("#nav");
        assertTrue(menu.contains("Jejak audit") && menu.contains("Retensi data") && menu.contains("Data warga"), menu);

        // the retention policy: someone else changes it meanwhile (412), then it is set
        go("admin/retensi");
        waitFor(By.id("policy"));
        var read = given().auth().oauth2(admin).get("/api/v1/retention-policy").then().statusCode(200).extract();
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", read.header("ETag"))
                .body(Map.of("period", "P2Y", "purge", false)).put("/api/v1/retention-policy").then().statusCode(200);
        type("period", "P1Y");
        driver.findElement(By.xpath("//button[normalize-space(.)='Simpan kebijakan']")).click();
        waitUntil(d -> text("#retention-stale").contains("diubah orang lain"));
        assertTrue(text("#policy").contains("2 tahun (P2Y)"), text("#policy"));
        assertEquals("P2Y", control("period").getAttribute("value"));
        assertEquals("P2Y", Db.single("select period from retention_policy where kabupaten_code = ?1", KABUPATEN));
        type("period", "P1Y");
        driver.findElement(By.xpath("//button[normalize-space(.)='Simpan kebijakan']")).click();
        waitUntil(d -> text("#policy").contains("1 tahun (P1Y)"));
        assertTrue(text("#policy").contains("Hanya menghitung") && text("#policy").contains("Oleh kabupaten"), text("#policy"));
        assertTrue(driver.findElements(By.id("retention-stale")).isEmpty());
        given().auth().oauth2(admin).get("/api/v1/retention-policy").then().body("period", is("P1Y")).body("purge", is(false));
        // the dry run: what is due now, by service
        long due = Db.count("select count(*) from service_request where service_type_id = ?1 and finished_at < now() - interval '1 year'"
                + " and personal_data_purged_at is null", fixture.legalisasi());
        assertTrue(due >= 1);
        waitUntil(d -> text("#dry-run-services tr[data-code='LEGALISASI']").equals("Legalisasi Dokumen " + due));
        assertTrue(text("#dry-run-total").contains(" permohonan"), text("#dry-run-total"));
        assertEquals(trackingCode, Db.single("select tracking_code from service_request where id = ?1 and personal_data_purged_at is null", old),
                "a dry run purges nothing");
        shoot("admin-retention");

        // the trail, newest first, with the holiday created above
        go("admin/jejak-audit");
        waitFor(By.cssSelector("#audit li[data-action='setRetentionPolicy']"));
        List<java.time.Instant> times = driver.findElements(By.cssSelector("#audit li[data-at]")).stream()
                .map(e -> java.time.Instant.parse(e.getAttribute("data-at"))).toList();
        assertEquals(times.stream().sorted(Comparator.reverseOrder()).toList(), times, "newest first");
        new Select(control("targetType")).selectByValue("HOLIDAY");
        type("action", "createHoliday");
        driver.findElement(By.xpath("//button[normalize-space(.)='Terapkan']")).click();
        waitUntil(d -> driver.findElements(By.cssSelector("#audit li[data-action='setRetentionPolicy']")).isEmpty()
                && !driver.findElements(By.cssSelector("#audit li[data-action='createHoliday']")).isEmpty());
        List<WebElement> shown = driver.findElements(By.cssSelector("#audit li"));
        assertEquals(Db.count("select count(*) from audit_entry where kabupaten_code = ?1 and action = 'createHoliday' and target_type = 'HOLIDAY'", KABUPATEN),
                shown.size());
        String holiday = shown.stream().map(WebElement::getText).filter(t -> t.contains("2031-03-11")).findFirst().orElse(shown.get(0).getText());
        assertTrue(holiday.contains("Hari libur #2031-03-11") && holiday.contains("8901.web.admin · Admin kabupaten") && holiday.contains("Dari 127.0.0.1"),
                holiday);
        shoot("admin-audit");
        // the filtered trail as CSV
        driver.findElement(By.id("audit-csv")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> csvIn(downloads) != null);
        String csv = new String(downloaded(csvIn(downloads)), java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).contains("id,at,kabupaten_code,actor_kind,actor,actor_name,actor_role,action,target_type,target_id"), lines.get(0));
        assertEquals(shown.size() + 1, lines.size(), csv);
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",createHoliday,HOLIDAY,")), csv);

        // a citizen's request for their data: the NIK is checked, sent in the body and kept nowhere on the device
        go("admin/data-warga");
        type("nik", "73240141079");
        submit();
        waitUntil(d -> errorAt("nik").contains("16 angka"));
        type("nik", nik);
        submit();
        waitUntil(d -> text("#citizen-requests").contains(trackingCode));
        assertTrue(text("#citizen-summary").startsWith("1 permohonan"), text("#citizen-summary"));
        assertTrue(text("#citizen-requests").contains("Legalisasi Dokumen") && text("#citizen-requests").contains("Dibatalkan"));
        assertFalse(driver.getCurrentUrl().contains(nik));
        assertEquals(0L, ((JavascriptExecutor) driver).executeScript("return localStorage.length + sessionStorage.length"));
        driver.findElement(By.id("citizen-json")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> fileIn(downloads, "data-warga-", ".json") != null);
        String json = new String(downloaded(fileIn(downloads, "data-warga-", ".json")), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"trackingCode\": \"" + trackingCode + "\"") && json.contains("\"nik\": \"" + nik + "\""), json);
        assertFalse(fileIn(downloads, "data-warga-", ".json").getFileName().toString().contains(nik));
        assertEquals(1L, Db.count("select count(*) from audit_entry where action = 'exportCitizenData' and ?1 = any(request_ids)", old));
        shoot("admin-citizen-data");
        logout();

        // a desa officer has none of it
        login("web.desa");
        menu = text("#nav");
        assertFalse(menu.contains("Jejak audit") || menu.contains("Retensi") || menu.contains("Data warga"), menu);
        go("admin/jejak-audit");
        waitUntil(d -> d.getCurrentUrl().endsWith("#/desa/layanan"));
        assertTrue(driver.findElements(By.id("audit")).isEmpty());
    }

    static Path csvIn(Path dir) {
        return fileIn(dir, "jejak-audit-", ".csv");
    }

    /** A finished download whose name starts and ends so, or null. */
    static Path fileIn(Path dir, String start, String end) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(start) && f.getFileName().toString().endsWith(end)
                    && f.toFile().length() > 0).findFirst().orElse(null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
        WebElement passwordField = driver.findElement(By.cssSelector("input[data-path='password']"));
        passwordField.clear();
        passwordField.sendKeys(password);
        driver.findElement(By.xpath("//button[normalize-space(.)='Masuk']")).click();
    }

    /** Logs out and waits for the login screen (the accounts screen has a username field too). */
    void logout() {
        waitFor(By.id("logout")).click();
        waitFor(By.xpath("//button[normalize-space(.)='Masuk']"));
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

    /** A filing of the desa for the kecamatan office. */
    long fileByApi(String name, String nik) {
        return ((Number) given().auth().oauth2(apiToken("web.desa")).contentType(ContentType.JSON).header("Idempotency-Key", "web-" + nik)
                .body(Map.of("serviceTypeId", fixture.legalisasi(), "citizen", Map.of("nik", nik, "name", name),
                        "answers", Map.of("keperluan", "Keperluan uji"), "documents", List.of(Map.of("code", "KTP_EL", "provision", "ON_PAPER"))))
                .post("/api/v1/requests").then().statusCode(201).extract().path("id")).longValue();
    }

    /** One login with a wrong password; what the login screen says afterwards. */
    String failLogin(String username) {
        WebElement user = waitFor(By.cssSelector("input[data-path='username']"));
        user.clear();
        user.sendKeys(username);
        WebElement password = driver.findElement(By.cssSelector("input[data-path='password']"));
        password.clear();
        password.sendKeys("salah-" + PASSWORD);
        ((JavascriptExecutor) driver).executeScript("const s = document.querySelector('main .summary'); s.hidden = true; s.replaceChildren()");
        driver.findElement(By.xpath("//button[normalize-space(.)='Masuk']")).click();
        waitUntil(d -> !text("main .summary").isEmpty());
        return text("main .summary");
    }

    /** Opens one action of the OPD detail screen and sends it as it is. */
    void submitAction(String verb) {
        WebElement form = waitFor(By.cssSelector("form[data-action='" + verb + "']"));
        form.findElement(By.cssSelector("button[type='submit']")).click();
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
            if (c.getTagName().equals("select")) {
                new Select(c).selectByValue(value);
            } else {
                c.clear();
                c.sendKeys(value);
            }
        });
        // the flash of an earlier action must not count for this one
        ((JavascriptExecutor) driver).executeScript("document.getElementById('flash').replaceChildren()");
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
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
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

    static long endedSessions(String username, String reason) {
        return Db.count("select count(*) from login_session s join account a on a.id = s.account_id where a.username = ?1 and s.end_reason = ?2",
                stored(username), reason);
    }

    /** Forgets the page's record of the calls it made, so that the next assertion sees only what follows. */
    void forgetNetwork() {
        ((JavascriptExecutor) driver).executeScript("performance.setResourceTimingBufferSize(1000); performance.clearResourceTimings()");
    }

    /** The statuses of the page's calls to this path (any query) since forgetNetwork(), in order. */
    @SuppressWarnings("unchecked")
    List<Long> statusesOf(String path) {
        return (List<Long>) ((JavascriptExecutor) driver).executeScript("""
                return performance.getEntriesByType('resource')
                  .filter((e) => e.initiatorType === 'fetch' && new URL(e.name).pathname === arguments[0])
                  .map((e) => e.responseStatus);""", path);
    }

    /** The page asked this path again and the service answered only 304: no body crossed the link. */
    void assertOnlyNotModified(String path, String what) {
        List<Long> statuses = statusesOf(path);
        assertFalse(statuses.isEmpty(), what + ": not asked");
        assertTrue(statuses.stream().allMatch(s -> s == 304), what + ": " + statuses);
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

    /** The bytes of a finished download (Chromium writes a .crdownload first and renames it when done). */
    static byte[] downloaded(Path file) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(file));
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void keepThePage(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            StringBuilder out = new StringBuilder(driver.getCurrentUrl()).append("\n\n");
            out.append(driver.findElement(By.tagName("body")).getText()).append("\n\n-- browser log --\n");
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                out.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n');
            }
            Files.writeString(SCREENSHOTS.resolve(name + ".txt"), out);
        } catch (RuntimeException | IOException e) {
            System.out.println("Could not keep the page of " + name + ": " + e);
        }
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
