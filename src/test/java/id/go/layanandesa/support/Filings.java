package id.go.layanandesa.support;

import io.restassured.response.ValidatableResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Valid filings of the demo catalog, to change one thing at a time. */
public final class Filings {

    public static final String NIK = "7324044107900001";

    private Filings() {
    }

    /** A valid birth-certificate filing. */
    public static Map<String, Object> aktaKelahiran() {
        Map<String, Object> citizen = new HashMap<>(Map.of("nik", NIK, "name", "Siti Rahmawati", "phone", "0812-3456-7890",
                "address", "Dusun Harapan I, RT 002/RW 001"));
        Map<String, Object> answers = new HashMap<>(Map.of("nama_bayi", "Aminah", "tanggal_lahir", "2026-11-20",
                "jenis_kelamin", "PEREMPUAN", "anak_ke", 2, "tempat_lahir", "Malili", "berat_lahir_gram", 3100));
        List<Map<String, Object>> documents = new ArrayList<>(List.of(
                Map.of("code", "SURAT_KETERANGAN_LAHIR", "provision", "ON_PAPER"),
                Map.of("code", "KK", "provision", "ATTACHED")));
        Map<String, Object> body = new HashMap<>();
        body.put("serviceTypeId", Db.serviceType("73.24", "AKTA_KELAHIRAN"));
        body.put("citizen", citizen);
        body.put("answers", answers);
        body.put("documents", documents);
        body.put("note", "Orang tua datang pagi hari");
        return body;
    }

    public static ValidatableResponse file(String token, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/v1/requests").then();
    }

    public static ValidatableResponse file(String token, Object body, String idempotencyKey) {
        return given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", idempotencyKey).body(body)
                .when().post("/api/v1/requests").then();
    }

    /** Files a valid request and returns its id. */
    public static long fileOne(String token) {
        return ((Number) file(token, aktaKelahiran()).statusCode(201).extract().path("id")).longValue();
    }
}
