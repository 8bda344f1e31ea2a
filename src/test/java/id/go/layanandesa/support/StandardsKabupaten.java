package id.go.layanandesa.support;

import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.opd.OpdKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A throwaway kabupaten for the service-standards tests (its code picks its zone): the regions of
 * {@link ScratchKabupaten}, OPDs DINAS_A and DINAS_B and a triage OPD, service LAYANAN_A (5 working days, DINAS_A)
 * and LAYANAN_B (3 working days, DINAS_B) without fields or documents, and helpers that file and work its requests
 * through the API at instants of a {@link TestClock} the test controls.
 */
public final class StandardsKabupaten {

    public final String code;
    public final String kecamatan1;
    public final String kecamatan2;
    public final String desa1;
    public final String desa2;
    public final String desa3;
    public final long opdA;
    public final long opdB;
    public final long serviceA;
    public final long serviceB;

    private StandardsKabupaten(String code) {
        this.code = code;
        this.kecamatan1 = code + ".01";
        this.kecamatan2 = code + ".02";
        this.desa1 = code + ".01.2001";
        this.desa2 = code + ".01.2002";
        this.desa3 = code + ".02.2001";
        ScratchKabupaten.ensure(code);
        this.opdA = opd("DINAS_A", "Dinas A " + code, false);
        this.opdB = opd("DINAS_B", "Dinas B " + code, false);
        opd("ORGANISASI", "Bagian Organisasi " + code, true);
        this.serviceA = serviceType("LAYANAN_A", "Layanan A", opdA, 5);
        this.serviceB = serviceType("LAYANAN_B", "Layanan B", opdB, 3);
    }

    public static synchronized StandardsKabupaten of(String code) {
        return new StandardsKabupaten(code);
    }

    public static TestClock clock() {
        return CDI.current().select(TestClock.class).get();
    }

    public void holiday(LocalDate day) {
        Db.exec("insert into holiday (kabupaten_code, day, name) values (?1, ?2, 'Libur uji') on conflict do nothing", code, day);
    }

    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile Instant pinned;

    /** Moves the service's clock to the instant (and remembers it, so that tokens can be made at the real time). */
    public static void at(Instant instant) {
        pinned = instant;
        clock().pin(instant);
    }

    /** Back to the real clock. */
    public static void realTime() {
        pinned = null;
        clock().reset();
    }

    /** Tokens are made at the real time, so that they are valid whatever instant the clock is pinned to. */
    private String token(String key, java.util.function.Supplier<String> make) {
        return tokens.computeIfAbsent(key, k -> {
            Instant was = pinned;
            clock().reset();
            try {
                return make.get();
            } finally {
                if (was != null) {
                    clock().pin(was);
                }
            }
        });
    }

    public String admin() {
        return token("admin", () -> TestAccounts.admin(code));
    }

    public String viewer() {
        return token("viewer", () -> TestAccounts.viewer(code));
    }

    public String desaOfficer(String desa) {
        return token("desa " + desa, () -> TestAccounts.desaOfficer(desa));
    }

    public String opdOfficer(long opd) {
        return token("opd " + opd, () -> TestAccounts.token(Role.OPD_OFFICER, code, null, opd));
    }

    /** Files a request of the desa for the service at the instant; the clock stays there. */
    public long file(String desa, long serviceType, Instant at) {
        at(at);
        Map<String, Object> body = Map.of("serviceTypeId", serviceType,
                "citizen", Map.of("nik", Filings.NIK, "name", "Siti Rahmawati", "phone", "081234567890", "address", "Dusun Uji RT 001"),
                "answers", Map.of(), "documents", List.of());
        return ((Number) Filings.file(desaOfficer(desa), body).statusCode(201).extract().path("id")).longValue();
    }

    public String etag(long id) {
        return given().auth().oauth2(admin()).get("/api/v1/requests/" + id).then().statusCode(200).extract().header("ETag");
    }

    /** The request as the admin reads it, at the current clock. */
    public io.restassured.response.ExtractableResponse<io.restassured.response.Response> read(long id) {
        return given().auth().oauth2(admin()).get("/api/v1/requests/" + id).then().statusCode(200).extract();
    }

    private void queue(String action, long id, long opd, Object body, Instant at) {
        at(at);
        given().auth().oauth2(opdOfficer(opd)).contentType("application/json").header("If-Match", etag(id)).body(body)
                .post("/api/v1/queue/requests/" + id + "/" + action).then().statusCode(200);
    }

    public void accept(long id, long opd, Instant at) {
        queue("accept", id, opd, Map.of(), at);
    }

    public void requestInfo(long id, long opd, Instant at) {
        queue("request-info", id, opd, Map.of("missing", List.of("Fotokopi KK")), at);
    }

    public void complete(long id, long opd, Instant at) {
        queue("complete", id, opd, Map.of("resultNote", "Selesai"), at);
    }

    public void reject(long id, long opd, Instant at) {
        queue("reject", id, opd, Map.of("reason", "Tidak memenuhi syarat"), at);
    }

    public void forward(long id, long fromOpd, long toOpd, Instant at) {
        queue("forward", id, fromOpd, Map.of("toOpdId", toOpd, "reason", "Bukan kewenangan kami"), at);
    }

    public void supplyInfo(long id, String desa, Instant at) {
        at(at);
        given().auth().oauth2(desaOfficer(desa)).contentType("application/json").header("If-Match", etag(id))
                .body(Map.of("answers", Map.of(), "note", "KK dibawa")).post("/api/v1/requests/" + id + "/supply-info").then().statusCode(200);
    }

    public void cancel(long id, String desa, Instant at) {
        at(at);
        given().auth().oauth2(desaOfficer(desa)).contentType("application/json").header("If-Match", etag(id))
                .body(Map.of("reason", "Warga membatalkan")).post("/api/v1/requests/" + id + "/cancel").then().statusCode(200);
    }

    private long opd(String opdCode, String name, boolean triage) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Opd existing = Opd.find("kabupatenCode = ?1 and code = ?2", code, opdCode).firstResult();
            if (existing != null) {
                return existing.id;
            }
            Opd o = new Opd();
            o.kabupatenCode = code;
            o.code = opdCode;
            o.name = name;
            o.kind = triage ? OpdKind.BAGIAN : OpdKind.DINAS;
            o.triage = triage;
            o.createdAt = Instant.now();
            o.updatedAt = o.createdAt;
            o.persistWithQueueState();
            return o.id;
        });
    }

    private long serviceType(String typeCode, String name, long opd, int days) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ServiceType existing = ServiceType.find("kabupatenCode = ?1 and code = ?2", code, typeCode).firstResult();
            if (existing != null) {
                return existing.id;
            }
            Instant now = Instant.now();
            ServiceType t = new ServiceType();
            t.kabupatenCode = code;
            t.code = typeCode;
            t.name = name;
            t.defaultOpdId = opd;
            t.timeLimitDays = days;
            t.fee = 0;
            t.product = "Surat";
            t.documents = List.of();
            t.fields = List.of();
            t.createdAt = now;
            t.updatedAt = now;
            t.persistAndFlush();
            ServiceTypeVersion.of(t, now).persist();
            return t.id;
        });
    }
}
