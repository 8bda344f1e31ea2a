package id.go.layanandesa.statistics;

import id.go.layanandesa.sla.OverdueCheck;
import id.go.layanandesa.support.StandardsKabupaten;
import jakarta.enterprise.inject.spi.CDI;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A small data set worked by hand, in a WITA kabupaten of its own (76.90), filed and worked through the API at
 * chosen instants. March 2026 begins on a Sunday. Working days to finish are counted from the filing day, less the
 * days waited in NEEDS_INFO.
 * <pre>
 *  R1 LAYANAN_A desa1 filed Mon 2 Mar 10:00, completed Thu 5         3 days, due Mon 9: on time      DINAS_A
 *  R2 LAYANAN_A desa2 filed Mon 2 Mar 11:00, rejected Tue 10         6 days, due Mon 9: late         DINAS_A
 *  R3 LAYANAN_B desa3 filed Tue 3 Mar, forwarded B→A Wed 4, completed Fri 6: 3 days, due Fri 6    DINAS_A (1 forward)
 *  R4 LAYANAN_B desa1 filed Tue 3 Mar, cancelled Wed 4                                             DINAS_B
 *  R5 LAYANAN_A desa3 filed Wed 4 Mar, NEEDS_INFO Thu 5 to Tue 10 (3 days: due Wed 11 → Mon 16),
 *     completed Mon 16: 8 - 3 = 5 days, on time                                                     DINAS_A
 *  R7 LAYANAN_A desa1 filed Mon 2 Mar 23:59 WITA (15:59Z), accepted, still IN_PROGRESS, due Mon 9   DINAS_A
 *  R8 LAYANAN_A desa2 filed Tue 31 Mar 23:59 WITA (15:59Z), NEEDS_INFO since Wed 1 Apr               DINAS_A
 *  R6 LAYANAN_B desa2 filed Wed 1 Apr 00:30 WITA (Tue 31 Mar 16:30Z), SUBMITTED, due Mon 6 Apr       DINAS_B
 * </pre>
 * Now is Wed 8 Apr 10:00 WITA, after the overdue check: R7 and R6 are overdue, R8 waits on the desa.
 * Survey (the worked example of {@link StatisticsTest}): R1 online, R2 on paper, R3 and R5 online.
 */
final class StandardsDataSet {

    static final ZoneId WITA = ZoneId.of("Asia/Makassar");
    static final Instant NOW = wita("2026-04-08T10:00");
    /** Scores of the four respondents, in the order of the nine elements. */
    static final int[][] SCORES = {
            {4, 4, 3, 4, 4, 3, 4, 3, 3},
            {3, 3, 3, 4, 4, 3, 3, 3, 3},
            {3, 4, 3, 4, 3, 4, 4, 3, 4},
            {3, 3, 3, 4, 4, 3, 3, 3, 3}};
    static final String COMMENT = "Terima kasih, dari Budi Santoso 081298765432";

    private static StandardsDataSet built;

    final StandardsKabupaten k = StandardsKabupaten.of("76.90");
    final Map<String, Long> ids = new LinkedHashMap<>();
    final Map<String, String> trackingCodes = new LinkedHashMap<>();

    static Instant wita(String local) {
        return LocalDateTime.parse(local).atZone(WITA).toInstant();
    }

    static synchronized StandardsDataSet get() {
        if (built == null) {
            StandardsDataSet d = new StandardsDataSet();
            d.build();
            built = d;
        }
        StandardsKabupaten.at(NOW);
        return built;
    }

    private long file(String name, String desa, long service, Instant at) {
        long id = k.file(desa, service, at);
        ids.put(name, id);
        trackingCodes.put(name, k.read(id).path("trackingCode"));
        return id;
    }

    private void build() {
        long r1 = file("R1", k.desa1, k.serviceA, wita("2026-03-02T10:00"));
        k.accept(r1, k.opdA, wita("2026-03-02T13:00"));
        k.complete(r1, k.opdA, wita("2026-03-05T14:00"));

        long r2 = file("R2", k.desa2, k.serviceA, wita("2026-03-02T11:00"));
        k.accept(r2, k.opdA, wita("2026-03-03T08:00"));
        k.reject(r2, k.opdA, wita("2026-03-10T09:00"));

        long r3 = file("R3", k.desa3, k.serviceB, wita("2026-03-03T09:00"));
        k.forward(r3, k.opdB, k.opdA, wita("2026-03-04T09:00"));
        k.accept(r3, k.opdA, wita("2026-03-04T10:00"));
        k.complete(r3, k.opdA, wita("2026-03-06T15:00"));

        long r4 = file("R4", k.desa1, k.serviceB, wita("2026-03-03T10:00"));
        k.cancel(r4, k.desa1, wita("2026-03-04T08:00"));

        long r5 = file("R5", k.desa3, k.serviceA, wita("2026-03-04T10:00"));
        k.requestInfo(r5, k.opdA, wita("2026-03-05T09:00"));
        k.supplyInfo(r5, k.desa3, wita("2026-03-10T08:00"));
        k.accept(r5, k.opdA, wita("2026-03-10T09:00"));
        k.complete(r5, k.opdA, wita("2026-03-16T16:00"));

        long r7 = file("R7", k.desa1, k.serviceA, Instant.parse("2026-03-02T15:59:00Z"));
        k.accept(r7, k.opdA, wita("2026-03-03T08:00"));

        long r8 = file("R8", k.desa2, k.serviceA, Instant.parse("2026-03-31T15:59:00Z"));
        k.requestInfo(r8, k.opdA, wita("2026-04-01T09:00"));

        file("R6", k.desa2, k.serviceB, Instant.parse("2026-03-31T16:30:00Z"));

        // the survey: three citizens online, one paper form at the desa
        answerOnline("R1", SCORES[0], COMMENT, wita("2026-04-01T10:00"));
        StandardsKabupaten.at(wita("2026-04-01T11:00"));
        given().auth().oauth2(k.desaOfficer(k.desa2)).contentType("application/json").body(answer(SCORES[1], null))
                .post("/api/v1/requests/" + r2 + "/survey").then().statusCode(201);
        answerOnline("R3", SCORES[2], null, wita("2026-04-02T09:00"));
        answerOnline("R5", SCORES[3], null, wita("2026-04-02T23:30"));

        StandardsKabupaten.at(NOW);
        CDI.current().select(OverdueCheck.class).get().run();
    }

    void answerOnline(String request, int[] scores, String comment, Instant at) {
        StandardsKabupaten.at(at);
        given().contentType("application/json").body(answer(scores, comment))
                .post("/api/v1/tracking/" + trackingCodes.get(request) + "/survey").then().statusCode(201);
    }

    static Map<String, Object> answer(int[] s, String comment) {
        Map<String, Object> scores = new LinkedHashMap<>();
        List<String> names = List.of("persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana");
        for (int i = 0; i < names.size(); i++) {
            scores.put(names.get(i), s[i]);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scores", scores);
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }
}
