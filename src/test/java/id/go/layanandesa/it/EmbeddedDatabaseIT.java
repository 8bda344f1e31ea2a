package id.go.layanandesa.it;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default run as a new user gets it: the packaged jar with no database configured starts its own
 * PostgreSQL in the data folder, keeps every request across a clean stop and across kill -9, and says
 * in one line why it cannot start when it cannot.
 */
class EmbeddedDatabaseIT {

    static int postgresPort(Path dataDir) throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("pg/postmaster.pid"));
        return Integer.parseInt(pid.get(3).trim());
    }

    static String fileOneRequest(ServiceProcess service, Path dataDir) throws Exception {
        long account;
        long serviceType;
        String session = java.util.UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort(dataDir) + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    insert into account (id, kabupaten_code, username, display_name, password_hash, role, desa_code, created_at, updated_at)
                    values (nextval('account_seq'), '73.24', 'it-' || nextval('account_seq'), 'IT', '!', 'DESA_OFFICER', '73.24.04.2001', now(), now())
                    returning id""")) {
                rs.next();
                account = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("select id from service_type where kabupaten_code = '73.24' and code = 'AKTA_KELAHIRAN'")) {
                rs.next();
                serviceType = rs.getLong(1);
            }
            s.execute("insert into login_session (id, account_id, created_at, expires_at) values ('" + session + "', " + account
                    + ", now(), now() + interval '10 minutes')");
        }
        String token = Jwt.issuer("layanan-desa").subject(Long.toString(account)).upn("it").groups(Set.of("DESA_OFFICER"))
                .claim("account", Long.toString(account)).claim("kabupaten", "73.24").claim("desa", "73.24.04.2001").claim("sid", session)
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(KeyUtils.decodePrivateKey(Files.readString(dataDir.resolve("jwt/private.pem"))));
        Http.Reply filed = Http.post(service.url("/api/v1/requests"), token, Map.of(
                "serviceTypeId", serviceType,
                "citizen", Map.of("nik", "7324044107900001", "name", "Warga"),
                "answers", Map.of("nama_bayi", "Bayi", "tanggal_lahir", "2026-11-20", "jenis_kelamin", "LAKI_LAKI", "anak_ke", 1,
                        "tempat_lahir", "Malili"),
                "documents", List.of(Map.of("code", "SURAT_KETERANGAN_LAHIR", "provision", "ON_PAPER"),
                        Map.of("code", "KK", "provision", "ON_PAPER"))));
        assertEquals(201, filed.status(), String.valueOf(filed.body()));
        return filed.body().get("trackingCode").asText();
    }

    static void assertTracked(ServiceProcess service, String code) throws Exception {
        Http.Reply tracked = Http.get(service.url("/api/v1/tracking/" + code), null);
        assertEquals(200, tracked.status(), "request " + code + " survived: " + tracked.body());
    }

    @Test
    void requestsSurviveACleanStopAndAKill() throws Exception {
        Path work = Files.createTempDirectory("layanan-embedded");
        Path data = work.resolve("data");
        Map<String, String> props = Map.of("layanan.data-dir", data.toString());
        String code;
        try (ServiceProcess first = ServiceProcess.start("first", props, Map.of(), work)) {
            assertTrue(first.output().contains("/q/swagger-ui"), "the first start says where to click:\n" + first.output());
            code = fileOneRequest(first, data);
            int exit = first.stop();
            assertTrue(exit == 0 || exit == 143, "clean stop exit " + exit);
            assertFalse(Files.exists(data.resolve("pg/postmaster.pid")), "PostgreSQL stopped with the service");
        }
        long started = System.nanoTime();
        try (ServiceProcess second = ServiceProcess.start("second", props, Map.of(), work)) {
            System.out.printf("start to ready on an existing data folder: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertTracked(second, code);
            assertTrue(second.output().contains("already loaded"), "demo data is not loaded twice");
            second.kill();
        }
        assertTrue(Files.exists(data.resolve("pg/postmaster.pid")), "after kill -9 the old PostgreSQL still holds the folder");
        try (ServiceProcess third = ServiceProcess.start("third", props, Map.of(), work)) {
            assertTracked(third, code);
            fileOneRequest(third, data);
        }
    }

    @Test
    void anUnwritableDataFolderIsOneClearLine() throws Exception {
        Path work = Files.createTempDirectory("layanan-bad-folder");
        Path notAFolder = Files.writeString(work.resolve("plain-file"), "x");
        ServiceProcess p = ServiceProcess.launch("bad-folder", ServiceProcess.freePort(),
                Map.of("layanan.data-dir", notAFolder.resolve("data").toString()), Map.of(), work);
        assertNotEquals(0, p.awaitExit(Duration.ofSeconds(60)));
        String out = p.output();
        assertTrue(out.contains("ERROR cannot start the embedded PostgreSQL in " + notAFolder.resolve("data")), out);
        assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
    }

    @Test
    void anUnreachableExternalDatabaseIsOneClearLine() throws Exception {
        Path work = Files.createTempDirectory("layanan-no-db");
        int closedPort = ServiceProcess.freePort();
        ServiceProcess p = ServiceProcess.launch("no-db", ServiceProcess.freePort(), Map.of("layanan.data-dir", work.toString()),
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/layanan",
                        "QUARKUS_DATASOURCE_USERNAME", "layanan", "QUARKUS_DATASOURCE_PASSWORD", "secret"), work);
        assertNotEquals(0, p.awaitExit(Duration.ofSeconds(60)));
        String out = p.output();
        assertTrue(out.contains("ERROR cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closedPort), out);
        assertFalse(out.contains("secret"), "the password is not printed");
        assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
    }

    @Test
    void aPortInUseIsOneClearLine() throws Exception {
        Path work = Files.createTempDirectory("layanan-port");
        try (ServerSocket taken = new ServerSocket(0)) {
            ServiceProcess p = ServiceProcess.launch("port", taken.getLocalPort(), Map.of("layanan.data-dir", work.resolve("data").toString()),
                    Map.of(), work);
            assertNotEquals(0, p.awaitExit(Duration.ofSeconds(90)));
            String out = p.output();
            assertTrue(out.contains("Port " + taken.getLocalPort()) || out.contains("port " + taken.getLocalPort()), out);
            assertFalse(Files.exists(work.resolve("data/pg/postmaster.pid")), "the embedded PostgreSQL was stopped on the way out");
        }
    }
}
