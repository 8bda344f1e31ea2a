package id.go.layanandesa.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default run as a new user gets it: the packaged jar with no database configured starts its own
 * PostgreSQL in the data folder, keeps every request across a clean stop and across kill -9, and says
 * in one line why it cannot start when it cannot.
 */
class EmbeddedDatabaseIT {

    static String fileOneRequest(ServiceProcess service, Path dataDir) throws Exception {
        try (Connection c = DeskOfficer.connect(dataDir, false)) {
            return DeskOfficer.create(c, dataDir).fileOne(service);
        }
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
            assertEquals(0, first.stop(), "SIGTERM ends in exit code 0 after a clean stop");
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
        // The PostgreSQL of an existing folder starts while the service boots: when it cannot, the start ends the
        // same way as before, with one line and exit code 1, and the next start serves the folder as before.
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            ServiceProcess blocked = ServiceProcess.launch("pg-port-taken", ServiceProcess.freePort(),
                    Map.of("layanan.data-dir", data.toString(), "layanan.embedded-db.port", Integer.toString(taken.getLocalPort())),
                    Map.of(), work);
            assertEquals(1, blocked.awaitExit(Duration.ofSeconds(120)), blocked.output());
            String out = blocked.output();
            assertTrue(out.contains("ERROR cannot start the embedded PostgreSQL in " + data), out);
            assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
        }
        try (ServiceProcess fourth = ServiceProcess.start("fourth", props, Map.of(), work)) {
            assertTracked(fourth, code);
        }
    }

    /**
     * The start run.sh records for the JDK's AOT cache (layanan.exit-when-ready): it gets ready, answers the first
     * calls, then stops as cleanly as on SIGTERM, its PostgreSQL with it, and leaves a folder the next start serves from.
     */
    @Test
    void aStartAskedToExitWhenReadyAnswersThenStopsCleanly() throws Exception {
        Path work = Files.createTempDirectory("layanan-exit-when-ready");
        Path data = work.resolve("data");
        try (ServiceProcess recorded = ServiceProcess.launch("exit-when-ready", ServiceProcess.freePort(),
                Map.of("layanan.data-dir", data.toString(), "layanan.exit-when-ready", "true"), Map.of(), work)) {
            assertEquals(0, recorded.awaitExit(Duration.ofMinutes(3)), recorded.output());
            assertTrue(recorded.output().contains("Ready and answering; stopping as asked"), recorded.output());
            assertFalse(recorded.output().contains("did not answer"), recorded.output());
        }
        assertFalse(Files.exists(data.resolve("pg/postmaster.pid")), "PostgreSQL stopped with the service");
        try (ServiceProcess next = ServiceProcess.onDataFolder("after-exit-when-ready", data, work)) {
            assertTrue(next.output().contains("already loaded"), "the recorded start left its data:\n" + next.output());
            assertEquals(200, Http.get(next.url("/q/health/ready"), null).status());
            // the packaged service makes its OpenAPI document after ready: it serves the committed spec all the same
            Http.Reply spec = Http.get(next.url("/q/openapi?format=json"), null);
            assertEquals(200, spec.status());
            assertEquals(new ObjectMapper().readTree(Files.readString(Path.of("docs/openapi.json"))), spec.body(),
                    "the packaged service serves docs/openapi.json");
        }
    }

    /**
     * A data folder as earlier versions left it: PostgreSQL trusting every local connection, the service connecting
     * as the superuser, every table the superuser's. Made here the way those versions made it.
     */
    @Test
    void aDataFolderOfAnEarlierVersionIsMovedToPasswordsWithItsData() throws Exception {
        Path work = Files.createTempDirectory("layanan-earlier");
        Path data = work.resolve("data");
        String code;
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(data.resolve("pg")).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1").start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + earlier.getPort() + "/postgres";
            try (ServiceProcess old = ServiceProcess.start("earlier", Map.of("layanan.data-dir", data.toString(), "layanan.demo.enabled", "true"),
                    Map.of("QUARKUS_DATASOURCE_JDBC_URL", url, "QUARKUS_DATASOURCE_USERNAME", "postgres"), work);
                 Connection c = DriverManager.getConnection(url, "postgres", "")) {
                code = DeskOfficer.create(c, data).fileOne(old);
                assertEquals(0, Sql.number(c, "select count(*) from pg_tables where schemaname = 'public' and tableowner <> 'postgres'"),
                        "as earlier versions left it");
            }
        }
        assertTrue(Files.readString(data.resolve("pg/pg_hba.conf")).contains("trust"), "as earlier versions left it");
        assertFalse(Files.exists(data.resolve("pg.credentials")));

        try (ServiceProcess upgraded = ServiceProcess.onDataFolder("upgraded", data, work)) {
            assertTracked(upgraded, code);
            assertTrue(upgraded.output().contains("already loaded"), "the demo data was found, not loaded again");
            fileOneRequest(upgraded, data);
            assertNoTrust(data);
            assertRefused(data, EmbeddedDatabase.SUPERUSER, "");
            assertRefused(data, EmbeddedDatabase.SERVICE_ROLE, "");
            assertRefused(data, EmbeddedDatabase.SUPERUSER, "postgres");
            try (Connection c = DeskOfficer.connect(data, true)) {
                assertEquals(0, Sql.number(c, "select count(*) from pg_tables where schemaname = 'public' and tableowner <> 'layanan_owner'"),
                        "the schema's owner role owns every table");
                assertEquals(0, Sql.number(c, "select count(*) from pg_sequences where schemaname = 'public' and sequenceowner <> 'layanan_owner'"));
                assertEquals(2, Sql.number(c, "select count(*) from pg_roles where rolname in ('layanan', 'layanan_owner') and not rolsuper "
                        + "and not rolcreaterole and not rolcreatedb"));
                assertEquals(0, Sql.number(c, "select count(*) from pg_tables where schemaname = 'public' "
                        + "and not has_table_privilege('layanan', schemaname || '.' || tablename, 'SELECT, INSERT')"),
                        "the service role reads and writes every table");
                assertEquals(0, Sql.number(c, "select count(*) from pg_tables where schemaname = 'public' and tablename in ('request_event', 'audit_entry') "
                        + "and has_table_privilege('layanan', schemaname || '.' || tablename, 'UPDATE, DELETE, TRUNCATE')"),
                        "but neither changes nor removes history or audit rows");
                assertEquals(0, Sql.number(c, "select count(*) from pg_stat_activity where backend_type = 'client backend' "
                        + "and pid <> pg_backend_pid() and usename <> 'layanan'"), "no other role is connected");
                assertTrue(Sql.number(c, "select count(*) from pg_stat_activity where backend_type = 'client backend' and usename = 'layanan'") > 0,
                        "the service is connected as its own role");
            }
        }
    }

    /** pg_hba.conf of the cluster lets no one in without a password, and the passwords are the owner's alone. */
    static void assertNoTrust(Path data) throws Exception {
        List<String> rules = Files.readAllLines(data.resolve("pg/pg_hba.conf")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertFalse(rules.isEmpty());
        assertTrue(rules.stream().allMatch(l -> l.endsWith("scram-sha-256")), String.join("\n", rules));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(data.resolve("pg.credentials")));
    }

    /** The server asks {@code user} for a password and refuses this one (without one, the driver does not even try). */
    static void assertRefused(Path data, String user, String password) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + DeskOfficer.postgresPort(data) + "/postgres";
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, user, password).close(),
                user + " got in with password '" + password + "'");
        if (password.isEmpty()) {
            assertTrue(refused.getMessage().contains("The server requested SCRAM-based authentication"), refused.getMessage());
        } else {
            assertEquals("28P01", refused.getSQLState(), refused.getMessage());
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
