package id.go.layanandesa.statistics;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.StandardsKabupaten;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.TestRateLimiter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every statistic against the hand-worked data set of {@link StandardsDataSet}, as JSON and as CSV read back with a
 * real CSV parser; the satisfaction index against the worked example; the open data month; no personal data in any
 * answer.
 */
@QuarkusTest
class StatisticsTest {

    @Inject
    TestRateLimiter limiter;

    @AfterEach
    void realTime() {
        StandardsKabupaten.realTime();
        limiter.startAfresh();
    }

    static JsonPath stats(StandardsDataSet d, String query) {
        return given().auth().oauth2(d.k.viewer()).get("/api/v1/statistics/requests?" + query).then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath();
    }

    static Map<String, Object> metricsOf(JsonPath p, String code) {
        return p.getMap("items.find { it.group.code == '" + code + "' }.metrics");
    }

    /** filed, completed, rejected, cancelled, open, onTime, onTimeShare, median, p90, forwards, perRequest, backlog, needsInfo, overdue */
    static void expect(Map<String, Object> m, String what, int filed, int completed, int rejected, int cancelled, int open, int onTime,
                       Double share, Double median, Double p90, int forwards, Double perRequest, int backlog, int needsInfo, int overdue) {
        assertNotNull(m, what + " has a row");
        assertEquals(filed, m.get("filed"), what + " filed");
        assertEquals(completed, m.get("completed"), what + " completed");
        assertEquals(rejected, m.get("rejected"), what + " rejected");
        assertEquals(cancelled, m.get("cancelled"), what + " cancelled");
        assertEquals(open, m.get("open"), what + " open");
        assertEquals(onTime, m.get("finishedOnTime"), what + " finished on time");
        assertNumber(share, m.get("onTimeShare"), what + " on-time share");
        assertNumber(median, m.get("medianWorkingDays"), what + " median");
        assertNumber(p90, m.get("p90WorkingDays"), what + " p90");
        assertEquals(forwards, m.get("forwards"), what + " forwards");
        assertNumber(perRequest, m.get("forwardsPerRequest"), what + " forwards per request");
        assertEquals(backlog, m.get("backlog"), what + " backlog");
        assertEquals(needsInfo, m.get("needsInfo"), what + " needs info");
        assertEquals(overdue, m.get("overdue"), what + " overdue");
    }

    static void assertNumber(Double expected, Object actual, String what) {
        if (expected == null) {
            assertNull(actual, what + " is absent");
        } else {
            assertNotNull(actual, what);
            assertEquals(expected, ((Number) actual).doubleValue(), 1e-5, what);
        }
    }

    @Test
    void theRefreshInEveryChangeKeepsOnePlanInsteadOfPlanningOnEveryCall() {
        // a later "create or replace" of the function without the setting would drop it silently
        assertEquals("{plan_cache_mode=force_generic_plan}",
                Db.single("select proconfig::text from pg_proc where proname = 'stat_refresh'"));
    }

    @Test
    void perOpdInMarchEveryFigureIsTheHandWorkedOne() {
        StandardsDataSet d = StandardsDataSet.get();
        JsonPath p = stats(d, "from=2026-03-01&to=2026-03-31&groupBy=OPD");
        assertEquals("76.90", p.getString("kabupatenCode"));
        assertEquals("Asia/Makassar", p.getString("zone"));
        assertEquals("OPD", p.getString("groupBy"));
        // DINAS_A: R1, R2, R3 (forwarded in), R5, R7, R8; durations 3, 6, 3, 5 → median 4, p90 5 + 0.7 × (6 − 5)
        expect(metricsOf(p, "DINAS_A"), "DINAS_A", 6, 3, 1, 0, 2, 3, 0.75, 4.0, 5.7, 1, 0.1667, 2, 1, 1);
        // DINAS_B: R4 cancelled; its backlog is R6 (filed in April), overdue since Tue 7 April
        expect(metricsOf(p, "DINAS_B"), "DINAS_B", 1, 0, 0, 1, 0, 0, null, null, null, 0, 0.0, 1, 0, 1);
        expect(metricsOf(p, "ORGANISASI"), "ORGANISASI", 0, 0, 0, 0, 0, 0, null, null, null, 0, null, 0, 0, 0);
        expect(p.getMap("total"), "total", 7, 3, 1, 1, 2, 3, 0.75, 4.0, 5.7, 1, 0.1429, 3, 1, 2);
        assertEquals(3, p.getList("items").size(), "every OPD of the kabupaten, also those with nothing");
    }

    @Test
    void perServiceKecamatanAndDesaTheSameRequestsAddUpTheSameWay() {
        StandardsDataSet d = StandardsDataSet.get();
        JsonPath s = stats(d, "from=2026-03-01&to=2026-03-31&groupBy=SERVICE");
        // LAYANAN_A: R1, R2, R5, R7, R8; durations 3, 6, 5
        expect(metricsOf(s, "LAYANAN_A"), "LAYANAN_A", 5, 2, 1, 0, 2, 2, 0.6667, 5.0, 5.8, 0, 0.0, 2, 1, 1);
        // LAYANAN_B: R3 (its forward), R4; backlog R6
        expect(metricsOf(s, "LAYANAN_B"), "LAYANAN_B", 2, 1, 0, 1, 0, 1, 1.0, 3.0, 3.0, 1, 0.5, 1, 0, 1);
        JsonPath kec = stats(d, "from=2026-03-01&to=2026-03-31&groupBy=KECAMATAN");
        // kecamatan .01 (desa1, desa2): R1, R2, R4, R7, R8; durations 3, 6; backlog R7, R8, R6
        expect(metricsOf(kec, "76.90.01"), "kecamatan 01", 5, 1, 1, 1, 2, 1, 0.5, 4.5, 5.7, 0, 0.0, 3, 1, 2);
        // kecamatan .02 (desa3): R3, R5; durations 3, 5
        expect(metricsOf(kec, "76.90.02"), "kecamatan 02", 2, 2, 0, 0, 0, 2, 1.0, 4.0, 4.8, 1, 0.5, 0, 0, 0);
        assertEquals("Kecamatan Satu", kec.getString("items.find { it.group.code == '76.90.01' }.group.name"));
        JsonPath desa = stats(d, "from=2026-03-01&to=2026-03-31&groupBy=DESA");
        expect(metricsOf(desa, "76.90.01.2001"), "desa1", 3, 1, 0, 1, 1, 1, 1.0, 3.0, 3.0, 0, 0.0, 1, 0, 1);
        expect(metricsOf(desa, "76.90.01.2002"), "desa2", 2, 0, 1, 0, 1, 0, 0.0, 6.0, 6.0, 0, 0.0, 2, 1, 1);
        expect(metricsOf(desa, "76.90.02.2001"), "desa3", 2, 2, 0, 0, 0, 2, 1.0, 4.0, 4.8, 1, 0.5, 0, 0, 0);
        for (JsonPath p : List.of(s, kec, desa)) {
            assertEquals(stats(d, "from=2026-03-01&to=2026-03-31").getMap("total"), p.getMap("total"), "one total whatever the grouping");
        }
    }

    @Test
    void daysAreTheKabupatensDaysAtMidnightAndRangesMixMonthsAndEdgeDays() {
        StandardsDataSet d = StandardsDataSet.get();
        // R7 was filed at 23:59 WITA on Monday 2 March (15:59Z): it is a request of the 2nd, with R1 and R2
        assertEquals(3, stats(d, "from=2026-03-02&to=2026-03-02").getInt("total.filed"));
        assertEquals(2, stats(d, "from=2026-03-03&to=2026-03-03").getInt("total.filed"));
        // R6 was filed at 00:30 WITA on 1 April (still 31 March in UTC): April's, alone
        JsonPath april = stats(d, "from=2026-04-01&to=2026-04-30");
        assertEquals(1, april.getInt("total.filed"));
        assertEquals(1, april.getInt("total.open"));
        // R8, filed at 23:59 on 31 March, is March's last
        assertEquals(1, stats(d, "from=2026-03-31&to=2026-03-31").getInt("total.filed"));
        // half of February, the whole of March (month rows) and 1 April (a day row)
        JsonPath mixed = stats(d, "from=2026-02-15&to=2026-04-01");
        assertEquals(8, mixed.getInt("total.filed"));
        assertEquals(3, mixed.getInt("total.completed"));
        assertEquals(4.0, mixed.getDouble("total.medianWorkingDays"));
        assertEquals(0, stats(d, "from=2026-02-01&to=2026-02-28").getInt("total.filed"));
        // a range up to today reads the current month whole (nothing is filed after today), one that ends before it does not
        assertEquals(8, stats(d, "from=2026-03-01&to=2026-04-08").getInt("total.filed"));
        assertEquals(7, stats(d, "from=2026-03-02&to=2026-03-31").getInt("total.filed"));
        assertEquals(1, stats(d, "from=2026-04-01&to=2026-04-07").getInt("total.filed"));
    }

    @Test
    void csvIsTheSameTableForExcelAndAnyRfc4180Reader() throws Exception {
        StandardsDataSet d = StandardsDataSet.get();
        for (var request : List.of(
                given().auth().oauth2(d.k.admin()).queryParam("format", "CSV"),
                given().auth().oauth2(d.k.admin()).accept("text/csv"))) {
            ExtractableResponse<Response> r = request.get("/api/v1/statistics/requests?from=2026-03-01&to=2026-03-31&groupBy=SERVICE")
                    .then().statusCode(200).contentType(startsWith("text/csv"))
                    .header("Content-Disposition", containsString("statistik-permohonan-76.90-2026-03-01-2026-03-31-service.csv"))
                    .extract();
            byte[] bytes = r.asByteArray();
            assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 with a byte order mark");
            String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            assertTrue(text.contains("\r\n"), "CRLF line ends");
            List<CSVRecord> rows;
            try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
                rows = parser.getRecords();
                assertEquals(List.of("level", "id", "code", "name", "filed", "completed", "rejected", "cancelled", "open",
                        "finished_on_time", "on_time_share", "median_working_days", "p90_working_days", "forwards",
                        "forwards_per_request", "backlog", "needs_info", "overdue"), parser.getHeaderNames());
            }
            JsonPath json = stats(d, "from=2026-03-01&to=2026-03-31&groupBy=SERVICE");
            assertEquals(1 + json.getList("items").size(), rows.size());
            CSVRecord total = rows.get(0);
            assertEquals("KABUPATEN", total.get("level"));
            assertEquals("76.90", total.get("code"));
            assertEquals("Kabupaten Uji 76.90", total.get("name"));
            for (CSVRecord row : rows) {
                Map<String, Object> m = row.get("level").equals("KABUPATEN") ? json.getMap("total") : metricsOf(json, row.get("code"));
                assertEquals("SERVICE", rows.get(1).get("level"));
                assertEquals(m.get("filed").toString(), row.get("filed"));
                assertEquals(m.get("completed").toString(), row.get("completed"));
                assertEquals(m.get("rejected").toString(), row.get("rejected"));
                assertEquals(m.get("cancelled").toString(), row.get("cancelled"));
                assertEquals(m.get("open").toString(), row.get("open"));
                assertEquals(m.get("finishedOnTime").toString(), row.get("finished_on_time"));
                assertSameNumber(m.get("onTimeShare"), row.get("on_time_share"));
                assertSameNumber(m.get("medianWorkingDays"), row.get("median_working_days"));
                assertSameNumber(m.get("p90WorkingDays"), row.get("p90_working_days"));
                assertEquals(m.get("forwards").toString(), row.get("forwards"));
                assertSameNumber(m.get("forwardsPerRequest"), row.get("forwards_per_request"));
                assertEquals(m.get("backlog").toString(), row.get("backlog"));
                assertEquals(m.get("needsInfo").toString(), row.get("needs_info"));
                assertEquals(m.get("overdue").toString(), row.get("overdue"));
            }
            CSVRecord a = rows.stream().filter(x -> x.get("code").equals("LAYANAN_A")).findFirst().orElseThrow();
            assertEquals("0.6667", a.get("on_time_share"));
            assertEquals("5.8", a.get("p90_working_days"));
        }
    }

    static void assertSameNumber(Object json, String csv) {
        if (json == null) {
            assertEquals("", csv, "absent in JSON, empty in CSV");
        } else {
            assertEquals(((Number) json).doubleValue(), Double.parseDouble(csv), 1e-5);
        }
    }

    /** The rollups kept change by change are what counting every request again from nothing gives. */
    @Test
    void countingEveryRequestAgainGivesTheSameFigures() {
        StandardsDataSet d = StandardsDataSet.get();
        List<String> queries = List.of("from=2026-03-01&to=2026-04-30&groupBy=OPD", "from=2026-03-02&to=2026-04-01&groupBy=SERVICE",
                "from=2026-02-15&to=2026-04-08&groupBy=KECAMATAN", "from=2026-03-01&to=2026-03-31&groupBy=DESA");
        List<Object> before = queries.stream().map(q -> (Object) stats(d, q).get("items")).toList();
        long counted = id.go.layanandesa.support.Db.count("select stat_rebuild()");
        assertTrue(counted >= 8, "counted " + counted);
        assertEquals(before, queries.stream().map(q -> (Object) stats(d, q).get("items")).toList());
    }

    @Test
    void aFieldWithACommaOrQuoteIsQuotedAndReadBackWhole() throws Exception {
        byte[] bytes = new Csv().row("code", "name").row("X", "Dinas \"A\", Bidang B").row("Y", "Dua\nbaris").bytes();
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertEquals("code,name\r\nX,\"Dinas \"\"A\"\", Bidang B\"\r\nY,\"Dua\nbaris\"\r\n", text);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
            List<CSVRecord> rows = parser.getRecords();
            assertEquals("Dinas \"A\", Bidang B", rows.get(0).get("name"));
            assertEquals("Dua\nbaris", rows.get(1).get("name"));
        }
    }

    @Test
    void overdueWorkPerOpdMostOverdueFirst() throws Exception {
        StandardsDataSet d = StandardsDataSet.get();
        JsonPath p = given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/overdue").then().statusCode(200).extract().jsonPath();
        assertEquals("2026-04-08", p.getString("today"));
        assertEquals(2, p.getInt("overdue"));
        assertEquals(List.of("DINAS_A", "DINAS_B", "ORGANISASI"), p.getList("items.opd.code"));
        // R7 due Mon 9 March: Tue 10 March to Wed 8 April is 22 working days; R6 due Mon 6 April: Tue 7, Wed 8
        assertEquals(Map.of("opd", p.getMap("items[0].opd"), "backlog", 2, "needsInfo", 1, "overdue", 1, "oldestDueDate", "2026-03-09",
                "longestOverdueWorkingDays", 22), p.getMap("items[0]"));
        assertEquals("2026-04-06", p.getString("items[1].oldestDueDate"));
        assertEquals(2, p.getInt("items[1].longestOverdueWorkingDays"));
        assertNull(p.get("items[2].oldestDueDate"), "absent when nothing is overdue");
        String csv = new String(given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/overdue?format=CSV").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8).substring(1);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            CSVRecord first = parser.getRecords().get(0);
            assertEquals("DINAS_A", first.get("opd_code"));
            assertEquals("22", first.get("longest_overdue_working_days"));
        }
    }

    @Test
    void theIndexOfTheWorkedExample() throws Exception {
        StandardsDataSet d = StandardsDataSet.get();
        // Sums per element of the four respondents: 13, 14, 12, 16, 15, 13, 14, 12, 13 = 122.
        // Averages 3.25, 3.5, 3, 4, 3.75, 3.25, 3.5, 3, 3.25; IKM = 25 × 122 / 36 = 84.722… → 84.72: B (76.61–88.30), Baik.
        JsonPath p = given().auth().oauth2(d.k.viewer()).get("/api/v1/statistics/ikm?from=2026-04-01&to=2026-04-30&groupBy=OPD")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> a = p.getMap("items.find { it.group.code == 'DINAS_A' }");
        assertEquals(4, a.get("respondents"));
        assertEquals(List.of(3.25, 3.5, 3.0, 4.0, 3.75, 3.25, 3.5, 3.0, 3.25), averages(p, "items.find { it.group.code == 'DINAS_A' }"));
        assertEquals(84.72, ((Number) a.get("ikm")).doubleValue(), 1e-5);
        assertEquals("B", a.get("grade"));
        assertEquals("Baik", a.get("gradeLabel"));
        Map<String, Object> b = p.getMap("items.find { it.group.code == 'DINAS_B' }");
        assertEquals(Map.of("group", b.get("group"), "respondents", 0), b, "no respondents: no averages, index or grade");
        assertEquals(84.72, p.getDouble("total.ikm"), 1e-5);
        // per service: LAYANAN_A (R1, R2, R5) sums 10, 10, 9, 12, 12, 9, 10, 9, 9 = 90 → 25 × 90 / 27 = 83.33 B;
        // LAYANAN_B (R3) 32 → 25 × 32 / 9 = 88.89 A
        JsonPath s = given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/ikm?from=2026-04-01&to=2026-04-30&groupBy=SERVICE")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(83.33, s.getDouble("items.find { it.group.code == 'LAYANAN_A' }.ikm"), 1e-5);
        assertEquals(List.of(3.333, 3.333, 3.0, 4.0, 4.0, 3.0, 3.333, 3.0, 3.0), averages(s, "items.find { it.group.code == 'LAYANAN_A' }"));
        assertEquals("A", s.getString("items.find { it.group.code == 'LAYANAN_B' }.grade"));
        assertEquals(88.89, s.getDouble("items.find { it.group.code == 'LAYANAN_B' }.ikm"), 1e-5);
        // the period is by answer day in WITA: R5 answered at 23:30 on 2 April is in a range ending on the 2nd
        assertEquals(4, given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/ikm?from=2026-04-02&to=2026-04-02")
                .then().statusCode(200).extract().jsonPath().getInt("total.respondents") + 2);
        assertEquals(0, given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/ikm?from=2026-03-01&to=2026-03-31")
                .then().statusCode(200).extract().jsonPath().getInt("total.respondents"));
        String csv = new String(given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/ikm?from=2026-04-01&to=2026-04-30&format=CSV")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asByteArray(), StandardCharsets.UTF_8).substring(1);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            CSVRecord dinasA = parser.getRecords().stream().filter(r -> r.get("code").equals("DINAS_A")).findFirst().orElseThrow();
            assertEquals("4", dinasA.get("respondents"));
            assertEquals("3.75", dinasA.get("nrr_produk"));
            assertEquals("84.72", dinasA.get("ikm"));
            assertEquals("B", dinasA.get("grade"));
        }
    }

    static List<Double> averages(JsonPath p, String row) {
        Map<String, Object> a = p.getMap(row + ".elementAverages");
        return List.of("persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana").stream()
                .map(e -> Math.round(((Number) a.get(e)).doubleValue() * 1000) / 1000.0).toList();
    }

    @Test
    void aMonthOfOpenDataWithRegionCodesAndItsMetadata() throws Exception {
        StandardsDataSet d = StandardsDataSet.get();
        JsonPath p = given().auth().oauth2(d.k.viewer()).get("/api/v1/statistics/open-data?month=2026-03").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("2026-03", p.getString("metadata.period"));
        assertEquals("76.90", p.getString("metadata.regionCode"));
        assertEquals("CC-BY-4.0", p.getString("metadata.license"));
        assertEquals(OpenData.COLUMNS, p.getList("metadata.columns.name"));
        Map<String, Object> kec = p.getMap("rows.find { it.dimensi == 'KECAMATAN' && it.kode == '76.90.01' }");
        assertEquals("76.90.01", kec.get("kodeWilayah"));
        assertEquals("76", kec.get("kodeProvinsi"));
        assertEquals(5, kec.get("jumlahPermohonan"));
        assertEquals(2, kec.get("jumlahDalamProses"));
        assertEquals(50.0, ((Number) kec.get("persenTepatWaktu")).doubleValue(), 1e-5);
        Map<String, Object> layananA = p.getMap("rows.find { it.dimensi == 'LAYANAN' && it.kode == 'LAYANAN_A' }");
        assertEquals(66.67, ((Number) layananA.get("persenTepatWaktu")).doubleValue(), 1e-5);
        assertEquals(5.0, ((Number) layananA.get("medianHariKerja")).doubleValue(), 1e-5);
        assertEquals(6, p.getInt("rows.find { it.dimensi == 'OPD' && it.kode == 'DINAS_A' }.jumlahPermohonan"));
        assertEquals(2 + 3 + 2, p.getList("rows").size(), "two services, three OPDs, two kecamatan");
        String csv = new String(given().auth().oauth2(d.k.viewer()).accept("text/csv").get("/api/v1/statistics/open-data?month=2026-03")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asByteArray(), StandardCharsets.UTF_8).substring(1);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            assertEquals(OpenData.COLUMNS, parser.getHeaderNames());
            List<CSVRecord> rows = parser.getRecords();
            assertEquals(7, rows.size());
            CSVRecord k01 = rows.stream().filter(r -> r.get("kode").equals("76.90.01")).findFirst().orElseThrow();
            assertEquals("Kabupaten Uji 76.90", k01.get("nama_kabupaten_kota"));
            assertEquals("2026", k01.get("tahun"));
            assertEquals("3", k01.get("bulan"));
            assertEquals("5", k01.get("jumlah_permohonan"));
            assertEquals("50", k01.get("persen_tepat_waktu"));
        }
        given().auth().oauth2(d.k.viewer()).get("/api/v1/statistics/open-data?month=2026-13").then().statusCode(400)
                .body("code", is("VALIDATION_FAILED")).body("violations[0].field", is("month"));
    }

    @Test
    void noAnswerCarriesAPerson() {
        StandardsDataSet d = StandardsDataSet.get();
        List<String> personal = List.of("Siti Rahmawati", "7324044107900001", "081234567890", "+6281234567890", "Dusun Uji",
                "Budi Santoso", "081298765432", "Test desa");
        for (String path : List.of("requests?from=2026-03-01&to=2026-04-30&groupBy=DESA", "requests?groupBy=OPD&from=2026-03-01",
                "overdue", "ikm?from=2026-04-01&to=2026-04-30", "ikm?from=2026-04-01&to=2026-04-30&groupBy=SERVICE",
                "open-data?month=2026-03")) {
            for (String format : List.of("JSON", "CSV")) {
                String body = new String(given().auth().oauth2(d.k.viewer()).get("/api/v1/statistics/" + path + (path.contains("?") ? "&" : "?")
                        + "format=" + format).then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
                for (String p : personal) {
                    assertFalse(body.contains(p), path + " as " + format + " must not carry " + p);
                }
            }
        }
    }

    @Test
    void onlyTheKabupatensAdminsAndViewersSeeItsFigures() {
        StandardsDataSet d = StandardsDataSet.get();
        for (String token : List.of(d.k.desaOfficer(d.k.desa1), d.k.opdOfficer(d.k.opdA))) {
            for (String path : List.of("requests", "overdue", "ikm", "open-data?month=2026-03")) {
                given().auth().oauth2(token).get("/api/v1/statistics/" + path).then().statusCode(403).body("code", is("FORBIDDEN"));
            }
        }
        given().get("/api/v1/statistics/requests").then().statusCode(401);
        // another kabupaten's viewer sees its own kabupaten's figures, never these
        StandardsKabupaten.realTime();
        String other = TestAccounts.viewer("73.24");
        StandardsKabupaten.at(StandardsDataSet.NOW);
        given().auth().oauth2(other).get("/api/v1/statistics/requests?from=2026-03-01&to=2026-03-31").then().statusCode(200)
                .body("kabupatenCode", is("73.24")).body("items.group.code", not(hasItem("DINAS_A")));
    }

    @Test
    @id.go.layanandesa.support.contract.OffContractRequests("a groupBy, date and format that are not in the spec's lists")
    void badRangesAndParametersAreRefusedNamingTheField() {
        StandardsDataSet d = StandardsDataSet.get();
        given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/requests?from=2026-03-10&to=2026-03-01").then().statusCode(400)
                .body("code", is("VALIDATION_FAILED")).body("violations[0].field", is("to"));
        given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/requests?from=2010-01-01&to=2026-03-01").then().statusCode(400)
                .body("violations[0].field", is("to"));
        given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/requests?groupBy=RT").then().statusCode(400);
        given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/requests?from=2026-02-30").then().statusCode(400);
        given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/requests?format=XLSX").then().statusCode(400);
        given().auth().oauth2(d.k.viewer()).get("/api/v1/statistics/open-data").then().statusCode(400)
                .body("violations[0].field", is("month"));
        given().auth().oauth2(d.k.admin()).accept("application/xml").get("/api/v1/statistics/requests").then().statusCode(406);
        // defaults: this year (in the kabupaten's zone) up to today
        given().auth().oauth2(d.k.admin()).get("/api/v1/statistics/requests").then().statusCode(200)
                .body("from", is("2026-01-01")).body("to", is("2026-04-08"));
    }
}
