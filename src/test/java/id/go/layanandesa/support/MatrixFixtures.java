package id.go.layanandesa.support;

import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.holiday.Holiday;
import id.go.layanandesa.request.TrackingCodes;
import id.go.layanandesa.routing.RoutingRule;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.account.Passwords;
import id.go.layanandesa.kabupaten.ConfigurationService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Things of the home scope ({@link AuthFixtures}) the authorization matrix acts on: requests in each state,
 * catalog entries, OPDs, routing rules and holidays, each fresh so that a case never sees another's changes.
 * Requests are written with SQL as filing would leave them, with their FILED history entry.
 */
public final class MatrixFixtures {

    /** The claim {@link #claimedRequest()} is held under; a release naming it is the holder's. */
    public static final String CLAIM_ID = "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e";

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
    /** Holidays of the matrix are far in the future, one day each, so that no due date of a test moves. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2150, 1, 1);
    private static final AtomicInteger DAYS = new AtomicInteger();

    private MatrixFixtures() {
    }

    /** The id of AKTA_KELAHIRAN of the home kabupaten (demo catalog). */
    public static long serviceType() {
        return Db.serviceType(AuthFixtures.KABUPATEN, "AKTA_KELAHIRAN");
    }

    /** A code of A-Z, 0-9 and _ no other case uses. */
    public static String uniqueCode() {
        return "MX_" + RUN + "_" + SEQ.incrementAndGet();
    }

    /** A date no holiday of the home kabupaten is on, and no other case uses. */
    public static LocalDate uniqueDate() {
        return FIRST_DAY.plusDays(DAYS.getAndIncrement());
    }

    /** The name of the home desa as the region table has it. */
    public static String desaName() {
        return (String) Db.single("select name from region where code = ?1", AuthFixtures.DESA);
    }

    /** A fresh SUBMITTED request of the home desa in the home OPD's queue, version 0. */
    public static long request() {
        return insertRequest();
    }

    /** A fresh request the home OPD sent back to the desa for information: NEEDS_INFO, version 0. */
    public static long requestNeedsInfo() {
        long id = insertRequest();
        Db.exec("update service_request set status = 'NEEDS_INFO', info_requested_by = opd_id where id = ?1", id);
        return id;
    }

    /** A fresh request the home OPD works on: IN_PROGRESS, version 0. */
    public static long requestInProgress() {
        long id = insertRequest();
        Db.exec("update service_request set status = 'IN_PROGRESS', assigned_to = 'matrix' where id = ?1", id);
        return id;
    }

    /** A fresh SUBMITTED request of the home OPD claimed under {@link #CLAIM_ID} for another hour. */
    public static long claimedRequest() {
        long id = insertRequest();
        Db.exec("""
                update service_request set claim_id = cast(?1 as uuid), claimed_by = 'matrix', lease_until = now() + interval '1 hour',
                       delivery_count = 1
                 where id = ?2""", CLAIM_ID, id);
        return id;
    }

    /** A fresh SUBMITTED request of the home desa that declares its KK as ATTACHED, version 0. */
    public static long requestWithAttachedKk() {
        long id = insertRequest();
        Db.exec("update service_request set documents = cast(?1 as jsonb) where id = ?2", "[{\"code\":\"KK\",\"provision\":\"ATTACHED\"}]", id);
        return id;
    }

    /** {@code <request>/files/<file>}: a fresh request with one attached scan, its content kept in the store. */
    public static String fileOfRequest() {
        long id = requestWithAttachedKk();
        byte[] pdf = "%PDF-1.7\nmatrix\n%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("matrix-", ".pdf");
            java.nio.file.Files.write(file, pdf);
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pdf));
            jakarta.enterprise.inject.spi.CDI.current().select(id.go.layanandesa.document.BlobStore.class).get().put(sha, file, pdf.length);
            long fileId = ((Number) Db.single("select nextval('request_file_seq')")).longValue();
            Db.exec("""
                    insert into request_file (id, request_id, kind, document_code, sha256, size_bytes, media_type, file_name, uploaded_at, uploaded_by)
                    values (?1, ?2, 'ATTACHMENT', 'KK', ?3, ?4, 'application/pdf', 'kk.pdf', now(), 'matrix')""", fileId, id, sha, pdf.length);
            return id + "/files/" + fileId;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole file of {@link #upload()}: a (tiny) PDF. */
    public static final String UPLOAD_BODY = "%PDF-1.7\n%%EOF";

    /** A fresh resumable upload of the home desa officer for a request's KK, expecting {@link #UPLOAD_BODY}. */
    public static String upload() {
        long id = requestWithAttachedKk();
        long officer = TestAccounts.account(Role.DESA_OFFICER, AuthFixtures.KABUPATEN, AuthFixtures.DESA, null).id;
        String upload = java.util.UUID.randomUUID().toString();
        Db.exec("""
                insert into file_upload (id, principal, request_id, kind, document_code, file_name, length, received, created_at, expires_at)
                values (cast(?1 as uuid), ?2, ?3, 'ATTACHMENT', 'KK', 'kk.pdf', ?4, 0, now(), now() + interval '1 day')""",
                upload, "account:" + officer, id, UPLOAD_BODY.length());
        return upload;
    }

    /** The verification code of a fresh request completed with a result document. */
    public static String verificationCode() {
        long id = requestInProgress();
        String code = TrackingCodes.next();
        Db.exec("update service_request set status = 'COMPLETED', finished_at = now(), result_note = 'M' where id = ?1", id);
        long fileId = ((Number) Db.single("select nextval('request_file_seq')")).longValue();
        Db.exec("""
                insert into request_file (id, request_id, kind, sha256, size_bytes, media_type, file_name, uploaded_at, uploaded_by,
                                          verification_code, completed_at)
                values (?1, ?2, 'RESULT', ?3, 10, 'application/pdf', 'akta.pdf', now(), 'matrix', ?4, now())""", fileId, id, "a".repeat(64), code);
        return code;
    }

    /** The tracking code of a fresh request. */
    /** A new COMPLETED request of the home desa, finished by the home OPD. */
    public static long requestCompleted() {
        long id = insertRequest();
        Db.exec("update service_request set status = 'COMPLETED', finished_at = now(), result_note = 'M' where id = ?1", id);
        return id;
    }

    /** The tracking code of a new COMPLETED request, whose survey is open. */
    public static String finishedTrackingCode() {
        return (String) Db.single("select tracking_code from service_request where id = ?1", requestCompleted());
    }

    public static String trackingCode() {
        return (String) Db.single("select tracking_code from service_request where id = ?1", insertRequest());
    }

    private static long insertRequest() {
        AuthFixtures.ensureRegions();
        long opd = AuthFixtures.homeOpd();
        long filer = TestAccounts.account(Role.DESA_OFFICER, AuthFixtures.KABUPATEN, AuthFixtures.DESA, null).id;
        long type = serviceType();
        return QuarkusTransaction.requiringNew().call(() -> {
            var em = AuthFixtures.em();
            long id = ((Number) em.createNativeQuery("select nextval('service_request_seq')").getSingleResult()).longValue();
            em.createNativeQuery("""
                            insert into service_request (id, tracking_code, kabupaten_code, kecamatan_code, desa_code, service_type_id,
                                service_type_version, opd_id, status, citizen_nik, citizen_name, answers, documents, filed_by, filed_at,
                                due_date, version, updated_at)
                            select ?1, ?2, ?3, ?4, ?5, st.id, st.version, ?6, 'SUBMITTED', '7324044107900001', 'Warga Matriks',
                                   cast(?9 as jsonb), cast(?10 as jsonb), ?7, now(), current_date + 10, 0, now()
                              from service_type st where st.id = ?8""")
                    .setParameter(1, id)
                    .setParameter(2, TrackingCodes.next())
                    .setParameter(3, AuthFixtures.KABUPATEN)
                    .setParameter(4, AuthFixtures.DESA.substring(0, 8))
                    .setParameter(5, AuthFixtures.DESA)
                    .setParameter(6, opd)
                    .setParameter(7, filer)
                    .setParameter(8, type)
                    .setParameter(9, """
                            {"nama_bayi": "Aminah", "tanggal_lahir": "2026-01-20", "jenis_kelamin": "PEREMPUAN", "anak_ke": 2,
                             "tempat_lahir": "Malili"}""")
                    .setParameter(10, """
                            [{"code": "SURAT_KETERANGAN_LAHIR", "provision": "ON_PAPER"}, {"code": "KK", "provision": "ON_PAPER"}]""")
                    .executeUpdate();
            em.createNativeQuery("""
                            insert into request_event (id, request_id, at, type, actor_kind, actor_id, actor_name, from_status, to_status,
                                from_opd_id, to_opd_id, note)
                            values (nextval('request_event_seq'), ?1, now(), 'FILED', 'DESA_OFFICER', ?2, 'matrix', null, 'SUBMITTED',
                                null, ?3, null)""")
                    .setParameter(1, id)
                    .setParameter(2, filer)
                    .setParameter(3, opd)
                    .executeUpdate();
            return id;
        });
    }

    /** A fresh paused webhook subscription of the home OPD (as its system makes one), version 0: it never sends. */
    public static long subscription() {
        AuthFixtures.ensureRegions();
        long opd = AuthFixtures.homeOpd();
        return QuarkusTransaction.requiringNew().call(() -> ((Number) AuthFixtures.em().createNativeQuery("""
                        insert into webhook_subscription (id, kabupaten_code, opd_id, url, active, secret, secret_prefix, created_by,
                            created_at, updated_at, version)
                        values (nextval('webhook_subscription_seq'), ?1, ?2, ?3, false, decode('00', 'hex'), 'whsec_matrix', 'matrix',
                            now(), now(), 0)
                        returning id""")
                .setParameter(1, AuthFixtures.KABUPATEN)
                .setParameter(2, opd)
                .setParameter(3, "https://hooks.example.test/matrix-" + SEQ.incrementAndGet())
                .getSingleResult()).longValue());
    }

    /** {@code <subscription>/deliveries/<delivery>}: a given-up delivery of a fresh paused subscription, so it may be sent again. */
    public static String deliveryPath() {
        long subscription = subscription();
        long request = insertRequest();
        long delivery = QuarkusTransaction.requiringNew().call(() -> ((Number) AuthFixtures.em().createNativeQuery("""
                        insert into webhook_delivery (subscription_id, event_id, request_id, event_type, state, attempts, created_at,
                            next_attempt_at, first_attempt_at, last_attempt_at, last_status)
                        select ?1, e.id, e.request_id, e.type, 'GIVEN_UP', 3, now(), now(), now(), now(), 500
                          from request_event e where e.request_id = ?2
                        returning id""")
                .setParameter(1, subscription)
                .setParameter(2, request)
                .getSingleResult()).longValue());
        return subscription + "/deliveries/" + delivery;
    }

    /** A status whose citizen's message no kabupaten has changed: its template is at version 0 everywhere. */
    public static String templateStatus() {
        Db.exec("delete from citizen_message_template where status = 'CANCELLED'");
        return "CANCELLED";
    }

    /** A fresh active OPD of the home kabupaten, version 0, that nothing refers to. */
    public static long freshOpd() {
        AuthFixtures.ensureRegions();
        String code = uniqueCode();
        return QuarkusTransaction.requiringNew().call(() -> AuthFixtures.persistOpd(AuthFixtures.KABUPATEN, code, "Matrix " + code));
    }

    /** A fresh open service type of the home kabupaten defaulting to the home OPD, version 1, kept as version 1. */
    public static long freshServiceType() {
        long opd = AuthFixtures.homeOpd();
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            ServiceType t = new ServiceType();
            t.kabupatenCode = AuthFixtures.KABUPATEN;
            t.code = uniqueCode();
            t.name = "Matrix " + t.code;
            t.defaultOpdId = opd;
            t.timeLimitDays = 3;
            t.fee = 0;
            t.version = 1;
            t.createdAt = now;
            t.updatedAt = now;
            t.persistAndFlush();
            ServiceTypeVersion.of(t, now).persist();
            return t.id;
        });
    }

    /** A fresh routing rule of the home kabupaten: a fresh service type from the home desa to the home OPD. */
    public static long rule() {
        long type = freshServiceType();
        long opd = AuthFixtures.homeOpd();
        return QuarkusTransaction.requiringNew().call(() -> {
            RoutingRule r = new RoutingRule();
            r.kabupatenCode = AuthFixtures.KABUPATEN;
            r.serviceTypeId = type;
            r.regionCode = AuthFixtures.DESA;
            r.opdId = opd;
            r.createdAt = Instant.now();
            r.persistAndFlush();
            return r.id;
        });
    }

    /** The password every test account ({@link TestAccounts}, usernames t-…) has from now on, set by a known hash. */
    public static String ownPassword() {
        synchronized (MatrixFixtures.class) {
            if (knownHash == null) {
                knownHash = CDI.current().select(Passwords.class).get().hash(OWN_PASSWORD);
            }
        }
        Db.exec("update account set password_hash = ?1 where username like 't-%'", knownHash);
        return OWN_PASSWORD;
    }

    static final String OWN_PASSWORD = "Matrix2026own";
    private static String knownHash;
    private static final AtomicInteger KABUPATEN = new AtomicInteger();

    /** A kabupaten of the region list (a scratch one) that nobody has onboarded yet. */
    public static String freshKabupaten() {
        // province 84 is no province of the national list, and no other test uses it
        int n = KABUPATEN.incrementAndGet();
        if (n > 99) {
            throw new IllegalStateException("the matrix onboards at most 99 kabupaten");
        }
        return ScratchKabupaten.regionsOnly(String.format("84.%02d", n));
    }

    /** The home kabupaten's configuration as it stands, as a document to apply. */
    public static String homeConfiguration() {
        try {
            return CDI.current().select(ObjectMapper.class).get()
                    .writeValueAsString(CDI.current().select(ConfigurationService.class).get().export(AuthFixtures.KABUPATEN));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The date of a fresh holiday of the home kabupaten. */
    public static String holidayDate() {
        LocalDate day = uniqueDate();
        QuarkusTransaction.requiringNew().run(() -> {
            Holiday h = new Holiday();
            h.key = new Holiday.Key(AuthFixtures.KABUPATEN, day);
            h.name = "Matrix holiday";
            h.persist();
        });
        return day.toString();
    }

    /** Removes the retention policies of the home and the other kabupaten (the default, version 0, holds); resolves to nothing. */
    public static String retentionPolicyUnset() {
        Db.exec("delete from retention_policy where kabupaten_code in (?1, ?2)", AuthFixtures.KABUPATEN, AuthFixtures.OTHER_KABUPATEN);
        return "";
    }
}
