package id.go.layanandesa.survey;

import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.StandardsKabupaten;
import id.go.layanandesa.support.TestRateLimiter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The survey is answered once, by a finished request's citizen or from paper at its desa, and refuses every abuse. */
@QuarkusTest
class SurveyTest {

    static final StandardsKabupaten K = StandardsKabupaten.of("73.96");

    @Inject
    TestRateLimiter limiter;

    @BeforeEach
    @AfterEach
    void clean() {
        StandardsKabupaten.realTime();
        limiter.startAfresh();
    }

    static Instant wita(String at) {
        return LocalDateTime.parse(at).atZone(ZoneId.of("Asia/Makassar")).toInstant();
    }

    static Map<String, Object> answer(int score) {
        Map<String, Object> scores = new LinkedHashMap<>();
        for (String e : new String[]{"persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana"}) {
            scores.put(e, score);
        }
        return new LinkedHashMap<>(Map.of("scores", scores));
    }

    long completed(String desa) {
        long id = K.file(desa, K.serviceA, wita("2026-11-02T10:00"));
        K.accept(id, K.opdA, wita("2026-11-02T11:00"));
        K.complete(id, K.opdA, wita("2026-11-03T11:00"));
        StandardsKabupaten.realTime();
        return id;
    }

    String code(long id) {
        return K.read(id).path("trackingCode");
    }

    @Test
    void aFinishedRequestIsAnsweredOnceOnlineAndNeverAgain() {
        long id = completed(K.desa1);
        String code = code(id);
        given().get("/api/v1/tracking/" + code + "/survey").then().statusCode(200)
                .body("state", is("OPEN")).body("elements", hasSize(9)).body("elements[0].code", is("PERSYARATAN"))
                .body("answeredAt", nullValue());
        Map<String, Object> body = answer(4);
        body.put("comment", "Cepat dan ramah");
        given().contentType("application/json").body(body).post("/api/v1/tracking/" + code.toLowerCase().replace("-", " ") + "/survey")
                .then().statusCode(201).header("Location", endsWith("/api/v1/tracking/" + code + "/survey"))
                .body("trackingCode", is(code)).body("channel", is("ONLINE"));
        given().contentType("application/json").body(answer(1)).post("/api/v1/tracking/" + code + "/survey")
                .then().statusCode(409).body("code", is("SURVEY_ALREADY_ANSWERED"));
        given().auth().oauth2(K.desaOfficer(K.desa1)).contentType("application/json").body(answer(1))
                .post("/api/v1/requests/" + id + "/survey").then().statusCode(409).body("code", is("SURVEY_ALREADY_ANSWERED"));
        given().get("/api/v1/tracking/" + code + "/survey").then().statusCode(200).body("state", is("ANSWERED"))
                .body("answeredAt", notNullValue());
        assertEquals(1L, Db.count("select count(*) from survey_response where request_id = ?1", id));
        assertEquals(4L, Db.count("select u9 from survey_response where request_id = ?1", id), "the first answer stands");
        assertEquals("Cepat dan ramah", Db.single("select comment from survey_response where request_id = ?1", id));
    }

    @Test
    void aPaperFormIsRecordedByTheOfficerOfTheRequestsDesaOnly() {
        long id = completed(K.desa2);
        given().auth().oauth2(K.desaOfficer(K.desa1)).contentType("application/json").body(answer(3))
                .post("/api/v1/requests/" + id + "/survey").then().statusCode(404).body("code", is("NOT_FOUND"));
        given().auth().oauth2(K.desaOfficer(K.desa2)).contentType("application/json").body(answer(3))
                .post("/api/v1/requests/" + id + "/survey").then().statusCode(201).body("channel", is("PAPER"));
        assertEquals("PAPER", Db.single("select channel from survey_response where request_id = ?1", id));
        given().contentType("application/json").body(answer(4)).post("/api/v1/tracking/" + code(id) + "/survey")
                .then().statusCode(409).body("code", is("SURVEY_ALREADY_ANSWERED"));
    }

    @Test
    void theSurveyOpensOnlyWhenTheRequestIsCompletedOrRejected() {
        long open = K.file(K.desa3, K.serviceB, wita("2026-11-02T10:00"));
        long cancelled = K.file(K.desa3, K.serviceB, wita("2026-11-02T10:05"));
        K.cancel(cancelled, K.desa3, wita("2026-11-02T10:10"));
        long rejected = K.file(K.desa3, K.serviceB, wita("2026-11-02T10:15"));
        K.accept(rejected, K.opdB, wita("2026-11-02T10:20"));
        K.reject(rejected, K.opdB, wita("2026-11-02T10:25"));
        StandardsKabupaten.realTime();
        given().get("/api/v1/tracking/" + code(open) + "/survey").then().statusCode(200).body("state", is("NOT_FINISHED"));
        given().get("/api/v1/tracking/" + code(cancelled) + "/survey").then().statusCode(200).body("state", is("CLOSED"));
        for (long id : new long[]{open, cancelled}) {
            given().contentType("application/json").body(answer(2)).post("/api/v1/tracking/" + code(id) + "/survey")
                    .then().statusCode(409).body("code", is("SURVEY_NOT_OPEN"));
            given().auth().oauth2(K.desaOfficer(K.desa3)).contentType("application/json").body(answer(2))
                    .post("/api/v1/requests/" + id + "/survey").then().statusCode(409).body("code", is("SURVEY_NOT_OPEN"));
        }
        given().contentType("application/json").body(answer(2)).post("/api/v1/tracking/" + code(rejected) + "/survey")
                .then().statusCode(201);
        assertEquals(0L, Db.count("select count(*) from survey_response where request_id in (?1, ?2)", open, cancelled));
    }

    @Test
    @id.go.layanandesa.support.contract.OffContractRequests("scores out of range, missing and a comment too long")
    void unknownCodesAndBadScoresAreRefusedAndRecordNothing() {
        long id = completed(K.desa1);
        String code = code(id);
        given().get("/api/v1/tracking/ZZZZ-ZZZZ-ZZ/survey").then().statusCode(404).body("code", is("NOT_FOUND"));
        given().contentType("application/json").body(answer(4)).post("/api/v1/tracking/ZZZZ-ZZZZ-ZZ/survey")
                .then().statusCode(404).body("code", is("NOT_FOUND"));
        for (Object bad : new Object[]{0, 5, -1, 100}) {
            Map<String, Object> body = answer(3);
            @SuppressWarnings("unchecked") Map<String, Object> scores = (Map<String, Object>) body.get("scores");
            scores.put("waktu", bad);
            given().contentType("application/json").body(body).post("/api/v1/tracking/" + code + "/survey").then().statusCode(400)
                    .body("code", is("VALIDATION_FAILED")).body("violations.field", hasItem(containsString("waktu")));
        }
        Map<String, Object> missing = answer(3);
        ((Map<?, ?>) missing.get("scores")).remove("sarana");
        given().contentType("application/json").body(missing).post("/api/v1/tracking/" + code + "/survey").then().statusCode(400)
                .body("violations.field", hasItem(containsString("sarana")));
        given().contentType("application/json").body(Map.of("comment", "tanpa nilai")).post("/api/v1/tracking/" + code + "/survey")
                .then().statusCode(400).body("violations.field", hasItem(containsString("scores")));
        Map<String, Object> longComment = answer(3);
        longComment.put("comment", "x".repeat(1001));
        given().contentType("application/json").body(longComment).post("/api/v1/tracking/" + code + "/survey").then().statusCode(400)
                .body("violations.field", hasItem(containsString("comment")));
        assertEquals(0L, Db.count("select count(*) from survey_response where request_id = ?1", id));
    }

    @Test
    void surveyCallsShareTrackingsLimitPerAddress() {
        long id = completed(K.desa2);
        String code = code(id);
        for (int i = 0; i < 20; i++) {
            given().get("/api/v1/tracking/" + code).then().statusCode(200);
        }
        for (int i = 0; i < 10; i++) {
            given().get("/api/v1/tracking/" + code + "/survey").then().statusCode(200);
        }
        given().contentType("application/json").body(answer(4)).post("/api/v1/tracking/" + code + "/survey").then().statusCode(429)
                .body("code", is("RATE_LIMITED")).header("Retry-After", notNullValue());
        given().get("/api/v1/tracking/" + code + "/survey").then().statusCode(429);
        given().get("/api/v1/tracking/" + code).then().statusCode(429);
        assertEquals(0L, Db.count("select count(*) from survey_response where request_id = ?1", id), "a refused call records nothing");
        limiter.startAfresh();
        given().contentType("application/json").body(answer(4)).post("/api/v1/tracking/" + code + "/survey").then().statusCode(201);
    }
}
