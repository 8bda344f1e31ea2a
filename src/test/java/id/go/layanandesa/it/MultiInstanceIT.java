package id.go.layanandesa.it;

import com.fasterxml.jackson.databind.JsonNode;
import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.common.SigningKeys;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged service on one PostgreSQL: claims on both at once never hand out a
 * request twice, a claim waiting on one instance wakes when a request is filed on the other, and a session
 * ended on one instance is refused by the other at once.
 */
class MultiInstanceIT {

    static Path root;
    static EmbeddedDatabase db;
    static ServiceProcess a;
    static ServiceProcess b;
    static PrivateKey signingKey;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        root = Files.createTempDirectory("layanan-multi");
        db = EmbeddedDatabase.start(root.resolve("pg"), 0, false);
        SigningKeys.ensure(root.resolve("jwt"));
        signingKey = KeyUtils.decodePrivateKey(Files.readString(root.resolve("jwt/private.pem")));
        Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", db.username(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(), "QUARKUS_FLYWAY_USERNAME", db.ownerUsername(),
                "QUARKUS_FLYWAY_PASSWORD", db.ownerPassword());
        a = ServiceProcess.start("a", Map.of("layanan.data-dir", root.toString(), "layanan.demo.enabled", "true"), env, root);
        b = ServiceProcess.start("b", Map.of("layanan.data-dir", root.toString()), env, root);
    }

    @AfterAll
    static void stop() throws Exception {
        Started.stopAll(a, b, db);
    }

    static Connection jdbc() throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    /** A test OPD that receives AKTA_KELAHIRAN filed from {@code desa}; returns its id. */
    static long opdFor(String code, String desa) throws Exception {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("insert into opd (id, kabupaten_code, code, name, kind, active, triage, version, created_at, updated_at) "
                    + "values (nextval('opd_seq'), '73.24', '" + code + "', 'Queue " + code + "', 'DINAS', true, false, 0, now(), now())");
            long id = Sql.number(c, "select id from opd where code = '" + code + "'");
            s.execute("insert into opd_queue_state (opd_id, version, changed_at) values (" + id + ", 0, now())");
            s.execute("insert into routing_rule (id, kabupaten_code, service_type_id, region_code, opd_id, created_at) "
                    + "select nextval('routing_rule_seq'), '73.24', id, '" + desa + "', " + id + ", now() "
                    + "from service_type where kabupaten_code = '73.24' and code = 'AKTA_KELAHIRAN'");
            return id;
        }
    }

    /** Births filed from one desa reach a test OPD of their own: the desa officer who files them and the OPD officer who works them. */
    record Desk(String filerToken, String workerToken, long serviceType) {
    }

    static Desk desk(String opdCode, String usernames, String desa) throws Exception {
        long opd = opdFor(opdCode, desa);
        long filer = account(usernames + "-filer", "DESA_OFFICER", desa, null);
        long worker = account(usernames + "-worker", "OPD_OFFICER", null, opd);
        try (Connection c = jdbc()) {
            return new Desk(token(filer, usernames + "-filer", "DESA_OFFICER", desa, null),
                    token(worker, usernames + "-worker", "OPD_OFFICER", null, opd),
                    Sql.number(c, "select id from service_type where kabupaten_code = '73.24' and code = 'AKTA_KELAHIRAN'"));
        }
    }

    static long account(String username, String role, String desa, Long opd) throws Exception {
        try (Connection c = jdbc()) {
            return DirectLogins.account(c, username, role, desa, opd);
        }
    }

    /** A token of a new login session of the account, as a login would give. */
    static String token(long accountId, String username, String role, String desa, Long opd) throws Exception {
        try (Connection c = jdbc()) {
            return DirectLogins.token(c, signingKey, accountId, username, role, desa, opd);
        }
    }

    static Map<String, Object> filing(long serviceTypeId) {
        return Map.of(
                "serviceTypeId", serviceTypeId,
                "citizen", Map.of("nik", "7324044107900001", "name", "Warga Uji"),
                "answers", Map.of("nama_bayi", "Bayi", "tanggal_lahir", "2026-11-20", "jenis_kelamin", "LAKI_LAKI", "anak_ke", 1,
                        "tempat_lahir", "Malili"),
                "documents", List.of(Map.of("code", "SURAT_KETERANGAN_LAHIR", "provision", "ON_PAPER"),
                        Map.of("code", "KK", "provision", "ON_PAPER")));
    }

    @Test
    void eightConsumersOnTwoInstancesReceiveEveryRequestExactlyOnce() throws Exception {
        long opd = opdFor("MI_CLAIMS", "73.24.01.2001");
        long filer = account("mi-filer", "DESA_OFFICER", "73.24.01.2001", null);
        long worker = account("mi-worker", "OPD_OFFICER", null, opd);
        String workerToken = token(worker, "mi-worker", "OPD_OFFICER", null, opd);
        int total = 2000;
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            // the rows filing would make, written in bulk: this test is about claiming them
            s.execute("""
                    insert into service_request (id, tracking_code, kabupaten_code, kecamatan_code, desa_code, service_type_id,
                        service_type_version, opd_id, status, citizen_nik, citizen_name, answers, documents, filed_by, filed_at,
                        due_date, version, updated_at)
                    select nextval('service_request_seq'), 'MI' || lpad(g::text, 8, '0'), '73.24', '73.24.01', '73.24.01.2001',
                           st.id, st.version, %d, 'SUBMITTED', '7324044107900001', 'Warga Uji', '{}', '[]', %d, now(),
                           current_date + (g %% 20), 0, now()
                      from generate_series(1, %d) g, service_type st
                     where st.kabupaten_code = '73.24' and st.code = 'AKTA_KELAHIRAN'""".formatted(opd, filer, total));
        }
        Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Map<Long, String> holder = new ConcurrentHashMap<>();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> consumers = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            ServiceProcess instance = i % 2 == 0 ? a : b;
            String name = "consumer-" + i;
            consumers.add(pool.submit(() -> {
                int emptyInARow = 0;
                while (emptyInARow < 2) {
                    Http.Reply claim = Http.post(instance.url("/api/v1/queue/claims"), workerToken,
                            Map.of("limit", 25, "leaseSeconds", 300, "consumer", name));
                    if (claim.status() != 200) {
                        problems.add("claim " + claim.status() + " " + claim.body());
                        return null;
                    }
                    JsonNode items = claim.body().get("items");
                    if (items.isEmpty()) {
                        emptyInARow++;
                        continue;
                    }
                    emptyInARow = 0;
                    String claimId = claim.body().get("claimId").asText();
                    for (JsonNode item : items) {
                        long id = item.get("id").asLong();
                        deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        String previous = holder.putIfAbsent(id, name);
                        if (previous != null) {
                            problems.add("request " + id + " delivered to " + name + " while held by " + previous);
                        }
                        Http.Reply accept = Http.post(instance.url("/api/v1/queue/requests/" + id + "/accept"), workerToken,
                                Map.of("claimId", claimId));
                        if (accept.status() != 200) {
                            problems.add("accept " + id + ": " + accept.status() + " " + accept.body());
                        } else {
                            accepted.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : consumers) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("multi-instance claim run: %d requests, 8 consumers on 2 instances, %.1f s, %.0f claimed+accepted per s%n",
                total, seconds, total / seconds);
        assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())));
        assertEquals(total, deliveries.size(), "every request was delivered");
        assertTrue(deliveries.values().stream().allMatch(n -> n.get() == 1), "no request was delivered twice");
        assertEquals(total, accepted.get());
        try (Connection c = jdbc()) {
            assertEquals(total, Sql.number(c, "select count(*) from service_request where opd_id = " + opd + " and status = 'IN_PROGRESS'"));
            assertEquals(0, Sql.number(c, "select count(*) from service_request where opd_id = " + opd + " and delivery_count <> 1"));
            assertEquals(total, Sql.number(c, "select count(*) from request_event e join service_request r on r.id = e.request_id "
                    + "where r.opd_id = " + opd + " and e.type = 'ACCEPTED'"));
        }
    }

    @Test
    void aClaimWaitingOnOneInstanceWakesWhenTheOtherFiles() throws Exception {
        Desk desk = desk("MI_LONGPOLL", "mi-lp", "73.24.01.2002");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        long[] wakeMillis = new long[7];
        for (int round = 0; round < wakeMillis.length; round++) {
            Future<Long> waiting = pool.submit(() -> {
                Http.Reply claim = Http.post(b.url("/api/v1/queue/claims"), desk.workerToken(), Map.of("limit", 5, "waitSeconds", 20));
                long received = System.nanoTime();
                assertEquals(200, claim.status(), String.valueOf(claim.body()));
                assertEquals(1, claim.body().get("items").size(), "the waiting claim receives the new request");
                return received;
            });
            Thread.sleep(800);
            assertTrue(!waiting.isDone(), "the claim waits while the queue is empty");
            Http.Reply metrics = Http.get(b.managementUrl("/q/metrics"), null);
            double active = Arrays.stream(metrics.raw().body().split("\n")).filter(l -> l.startsWith("agroal_active_count"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            assertEquals(0.0, active, "a waiting claim holds no pooled connection");
            Http.Reply filed = Http.post(a.url("/api/v1/requests"), desk.filerToken(), filing(desk.serviceType()));
            long answered = System.nanoTime();
            assertEquals(201, filed.status(), String.valueOf(filed.body()));
            long received = waiting.get(30, TimeUnit.SECONDS);
            wakeMillis[round] = Math.max(0, (received - answered) / 1_000_000);
        }
        pool.shutdown();
        System.out.println("cross-instance long-poll wake-up after the filing's 201, ms: " + Arrays.toString(wakeMillis));
        long[] sorted = wakeMillis.clone();
        Arrays.sort(sorted);
        assertTrue(sorted[sorted.length / 2] < 500, "median wake-up " + sorted[sorted.length / 2] + " ms");
    }

    @Test
    void aSessionEndedOnOneInstanceIsRefusedByTheOtherAtOnce() throws Exception {
        String password = "Dua2026instansi";
        long viewer = account("mi-sesi", "VIEWER", null, null);
        long admin = account("mi-sesi-admin", "ADMIN", null, null);
        try (Connection c = jdbc(); PreparedStatement p = c.prepareStatement("update account set password_hash = ? where id = ?")) {
            p.setString(1, io.quarkus.elytron.security.common.BcryptUtil.bcryptHash(password, 10));
            p.setLong(2, viewer);
            p.executeUpdate();
        }
        String adminToken = token(admin, "mi-sesi-admin", "ADMIN", null, null);
        String first = login(a, "mi-sesi", password);
        String second = login(a, "mi-sesi", password);
        // both instances have seen (and keep) both tokens
        for (ServiceProcess instance : List.of(a, b)) {
            assertEquals(200, Http.get(instance.url("/api/v1/me"), first).status());
            assertEquals(200, Http.get(instance.url("/api/v1/me"), second).status());
        }

        assertEquals(204, Http.post(b.url("/api/v1/auth/logout"), first, Map.of()).status());
        long logoutMillis = awaitRefused(a, first);
        assertEquals(200, Http.get(a.url("/api/v1/me"), second).status(), "the other session goes on");

        long version;
        try (Connection c = jdbc()) {
            version = Sql.number(c, "select version from account where id = " + viewer);
        }
        Http.Reply disabled = Http.post(a.url("/api/v1/accounts/" + viewer + "/disable"), adminToken, Map.of(),
                Map.of("If-Match", "\"" + version + "\""));
        assertEquals(200, disabled.status(), String.valueOf(disabled.body()));
        long disableMillis = awaitRefused(b, second);
        System.out.printf("a session ended on one instance is refused by the other after: logout %d ms, disabling %d ms%n",
                logoutMillis, disableMillis);
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByTheOtherAtOnce() throws Exception {
        long opd = opdFor("MI_KEYS", "73.24.05.2001");
        long admin = account("mi-key-admin", "ADMIN", null, null);
        String adminToken = token(admin, "mi-key-admin", "ADMIN", null, null);
        Http.Reply created = Http.post(a.url("/api/v1/api-keys"), adminToken, Map.of("opdId", opd, "name", "mi bridge"),
                Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertEquals(201, created.status(), String.valueOf(created.body()));
        Map<String, String> key = Map.of("X-API-Key", created.body().get("key").asText());
        // both instances have read (and keep) the key
        for (ServiceProcess instance : List.of(a, b)) {
            assertEquals(200, Http.get(instance.url("/api/v1/me"), null, key).status());
            assertEquals(200, Http.get(instance.url("/api/v1/me"), null, key).status());
        }
        Http.Reply revoked = Http.post(a.url("/api/v1/api-keys/" + created.body().get("id").asLong() + "/revoke"), adminToken, Map.of());
        assertEquals(200, revoked.status(), String.valueOf(revoked.body()));
        assertEquals(401, Http.get(a.url("/api/v1/me"), null, key).status(), "the revoking instance refuses the key at once");
        long start = System.nanoTime();
        while (Http.get(b.url("/api/v1/me"), null, key).status() != 401) {
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "the key still works on the other instance");
            Thread.sleep(5);
        }
        System.out.printf("a key revoked on one instance is refused by the other after %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aQueueChangedOnOneInstanceIsNoLongerNotModifiedOnTheOther() throws Exception {
        Desk desk = desk("MI_VERSIONS", "mi-v", "73.24.06.2001");
        for (int round = 0; round < 3; round++) {
            Http.Reply queue = Http.get(b.url("/api/v1/queue"), desk.workerToken());
            assertEquals(200, queue.status(), String.valueOf(queue.body()));
            String etag = queue.raw().headers().firstValue("ETag").orElseThrow();
            assertEquals(304, Http.get(b.url("/api/v1/queue"), desk.workerToken(), Map.of("If-None-Match", etag)).status());
            Http.Reply filed = Http.post(a.url("/api/v1/requests"), desk.filerToken(), filing(desk.serviceType()));
            assertEquals(201, filed.status(), String.valueOf(filed.body()));
            long start = System.nanoTime();
            while (Http.get(b.url("/api/v1/queue"), desk.workerToken(), Map.of("If-None-Match", etag)).status() == 304) {
                assertTrue(System.nanoTime() - start < 20_000_000_000L, "the other instance still answers 304 after the filing");
                Thread.sleep(5);
            }
            System.out.printf("a filing on one instance changes the other's queue ETag after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }

    static String login(ServiceProcess instance, String username, String password) throws Exception {
        Http.Reply reply = Http.post(instance.url("/api/v1/auth/login"), null, Map.of("username", username, "password", password));
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return reply.body().get("accessToken").asText();
    }

    /** Milliseconds until the instance refuses the token; notices take milliseconds, the deadline only bounds a failure. */
    static long awaitRefused(ServiceProcess instance, String token) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 20_000_000_000L) {
            if (Http.get(instance.url("/api/v1/me"), token).status() == 401) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the token still works on the other instance");
    }
}
