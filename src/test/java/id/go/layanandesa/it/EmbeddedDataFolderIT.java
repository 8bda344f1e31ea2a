package id.go.layanandesa.it;

import id.go.layanandesa.common.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a fresh data folder of the default run exposes, and to whom: its PostgreSQL asks everyone for a password
 * and serves the service as a role that is no superuser, the service listens on this machine only, and a second
 * start on the folder while the first runs is refused without disturbing the first.
 */
class EmbeddedDataFolderIT {

    static Path work;
    static Path data;
    static ServiceProcess owner;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("layanan-folder");
        data = work.resolve("data");
        owner = ServiceProcess.onDataFolder("owner", data, work);
    }

    @AfterAll
    static void stop() throws Exception {
        Started.stopAll(owner);
    }

    @Test
    void itsPostgreSQLLetsNoOneInWithoutThePasswordsOnlyTheOwnerCanRead() throws Exception {
        EmbeddedDatabaseIT.assertNoTrust(data);
        EmbeddedDatabaseIT.assertRefused(data, EmbeddedDatabase.SUPERUSER, "");
        EmbeddedDatabaseIT.assertRefused(data, EmbeddedDatabase.SERVICE_ROLE, "");
        EmbeddedDatabaseIT.assertRefused(data, EmbeddedDatabase.SUPERUSER, "postgres");
        try (Connection c = DeskOfficer.connect(data, true)) {
            assertEquals("127.0.0.1", Sql.text(c, "show listen_addresses"));
            assertEquals("scram-sha-256", Sql.text(c, "select string_agg(distinct auth_method, ',') from pg_hba_file_rules"),
                    "the rules in force");
        }
    }

    @Test
    void theServiceConnectsAsARoleThatIsNeitherOwnerOfItsSchemaNorSuperuser() throws Exception {
        try (Connection c = DeskOfficer.connect(data, true)) {
            assertEquals("0", Sql.text(c, "select count(*) from pg_stat_activity where backend_type = 'client backend' "
                    + "and pid <> pg_backend_pid() and usename <> 'layanan'"), "no other role is connected");
            assertNotEquals("0", Sql.text(c, "select count(*) from pg_stat_activity where usename = 'layanan'"));
            assertEquals("f f f", Sql.text(c, "select concat_ws(' ', rolsuper, rolcreaterole, rolcreatedb) from pg_roles where rolname = 'layanan'"));
            assertEquals("f f f", Sql.text(c, "select concat_ws(' ', rolsuper, rolcreaterole, rolcreatedb) from pg_roles where rolname = 'layanan_owner'"));
            assertEquals("layanan_owner", Sql.text(c, "select nspowner::regrole::text from pg_namespace where nspname = 'public'"));
            assertEquals("0", Sql.text(c, "select count(*) from pg_tables where schemaname = 'public' and tableowner <> 'layanan_owner'"));
            assertEquals("f", Sql.text(c, "select has_schema_privilege('layanan', 'public', 'CREATE')"), "the service cannot change the schema");
            assertEquals("f", Sql.text(c, "select has_table_privilege('layanan', 'audit_entry', 'UPDATE')"));
        }
    }

    /** The first non-loopback IPv4 address of this machine, if it has one. */
    static Optional<InetAddress> outsideAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }

    static boolean accepts(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theServiceListensOnThisMachineOnly() throws Exception {
        assertTrue(owner.output().contains("Listening on: http://127.0.0.1:" + owner.port), owner.output());
        Optional<InetAddress> outside = outsideAddress();
        if (outside.isPresent()) {
            assertFalse(accepts(outside.get(), owner.port), "reachable on " + outside.get());
        }
        assertTrue(accepts(InetAddress.getLoopbackAddress(), owner.port));
    }

    @Test
    void aSecondStartOnTheLiveFolderIsRefusedInOneLineAndTheFirstKeepsServing() throws Exception {
        long postmaster = DeskOfficer.postmasterPid(data);
        DeskOfficer officer;
        try (Connection c = DeskOfficer.connect(data, false)) {
            officer = DeskOfficer.create(c, data);
        }
        AtomicBoolean filing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<List<Integer>> statuses = pool.submit(() -> {
            List<Integer> seen = new ArrayList<>();
            while (filing.get()) {
                seen.add(officer.file(owner).status());
            }
            return seen;
        });
        ServiceProcess second = ServiceProcess.launch("second", ServiceProcess.freePort(), Map.of("layanan.data-dir", data.toString()),
                Map.of(), work);
        int exit = second.awaitExit(Duration.ofSeconds(90));
        Thread.sleep(1000); // the first goes on filing after the second is gone
        filing.set(false);
        List<Integer> seen = statuses.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertNotEquals(0, exit);
        String out = second.output();
        assertTrue(out.contains("ERROR the data folder " + data + " is in use by another running Layanan Desa (pid "
                + owner.process().pid() + "); stop it first or set another layanan.data-dir"), out);
        assertEquals(1, out.lines().filter(l -> l.startsWith("ERROR")).count(), out);
        assertFalse(out.contains("\tat "), "no stack trace:\n" + out);

        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().allMatch(s -> s == 201), "every filing of the first went through: " + seen);
        assertEquals(postmaster, DeskOfficer.postmasterPid(data), "the first's PostgreSQL was left alone");
        assertEquals(200, Http.get(owner.url("/q/health/ready"), null).status());
        assertEquals(201, officer.file(owner).status());
    }
}
