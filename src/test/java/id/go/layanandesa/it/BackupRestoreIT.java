package id.go.layanandesa.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The packaged jar's backup and restore, as an operator runs them: a backup taken while desa offices keep filing,
 * restored into a fresh data folder on which the service starts with every table as it was at the backup's point;
 * a damaged or cut-short backup file refused with one line, restoring nothing.
 */
class BackupRestoreIT {

    static Path work;
    static Path source;
    static ServiceProcess service;
    static DeskOfficer officer;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("layanan-backup");
        source = work.resolve("source");
        service = ServiceProcess.onDataFolder("backup-source", source, work);
        try (Connection c = DeskOfficer.connect(source, false)) {
            officer = DeskOfficer.create(c, source);
        }
        for (int i = 0; i < 5; i++) {
            officer.fileOne(service);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Started.stopAll(service);
    }

    /**
     * Every table of the schema but Flyway's own history (a restore migrates to the same version instead): its row
     * count and an md5 of all its rows in a fixed order, generated columns included.
     */
    static Map<String, String> tables(Connection c) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select tablename from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history' order by 1""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        Map<String, String> result = new TreeMap<>();
        for (String table : names) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) || ' rows, md5 ' || "
                    + "coalesce(md5(string_agg(t::text, E'\\n' order by t::text collate \"C\")), '-') from public." + table + " t")) {
                rs.next();
                result.put(table, rs.getString(1));
            }
        }
        return result;
    }

    static Connection superuser(Path dataDir) throws Exception {
        return DeskOfficer.connect(dataDir, true);
    }

    @Test
    void aBackupTakenWhileDesaOfficesFileRestoresIntoAFreshFolderAsTheDatabaseStoodAtTheBackupsPoint() throws Exception {
        AtomicBoolean filing = new AtomicBoolean(true);
        AtomicBoolean backingUp = new AtomicBoolean(false);
        AtomicInteger filedDuringBackup = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService desks = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            desks.submit(() -> {
                while (filing.get()) {
                    try {
                        Http.Reply r = officer.file(service);
                        if (r.status() != 201) {
                            failures.add(r.status() + " " + r.body());
                        } else if (backingUp.get()) {
                            filedDuringBackup.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
        }
        Thread.sleep(1000);
        Path file = work.resolve("during-filings.zip");
        Map<String, String> atTheBackupsPoint;
        ServiceProcess.CommandRun backup;
        try (Connection observer = superuser(source)) {
            // the backup reads the tables in this very snapshot, as pg_dump --snapshot does
            observer.setAutoCommit(false);
            observer.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot;
            try (Statement s = observer.createStatement(); ResultSet rs = s.executeQuery("select pg_export_snapshot()")) {
                rs.next();
                snapshot = rs.getString(1);
            }
            atTheBackupsPoint = tables(observer);
            backingUp.set(true);
            backup = ServiceProcess.command(work, Map.of("layanan.data-dir", source.toString()), Duration.ofMinutes(3),
                    "backup", "--to", file.toString(), "--snapshot", snapshot);
            backingUp.set(false);
            observer.commit();
        }
        Thread.sleep(500);
        filing.set(false);
        desks.shutdown();
        assertTrue(desks.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(List.of(), List.copyOf(failures), "filings failed while the backup ran");
        assertEquals(0, backup.exitCode(), backup.output());
        assertTrue(backup.output().contains("Backup written to " + file), backup.output());
        assertTrue(filedDuringBackup.get() > 0, "the service kept filing while the backup ran");
        assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file), "it holds personal data");
        long filedAtTheBackupsPoint = Long.parseLong(atTheBackupsPoint.get("service_request").split(" ")[0]);
        try (Connection c = superuser(source)) {
            assertTrue(Sql.number(c, "select count(*) from service_request") > filedAtTheBackupsPoint,
                    "the source went on filing after the backup's point");
        }

        Path restored = work.resolve("restored");
        ServiceProcess.CommandRun restore = ServiceProcess.command(work, Map.of(), Duration.ofMinutes(3),
                "restore", "--from", file.toString(), "--data-dir", restored.toString());
        assertEquals(0, restore.exitCode(), restore.output());
        assertTrue(restore.output().contains("Restored " + file), restore.output());

        try (ServiceProcess second = ServiceProcess.onDataFolder("restored", restored, work)) {
            try (Connection c = superuser(restored)) {
                assertEquals(atTheBackupsPoint, tables(c), "every table as it stood at the backup's point");
                assertEquals(filedAtTheBackupsPoint, Long.parseLong(tables(c).get("service_request").split(" ")[0]));
            }
            // the sequences went on from where they were: a new filing takes a new id, and the signing key came along
            String code = officer.fileOne(second);
            assertTrue(DeskOfficer.tracked(second, code));
            assertTrue(second.output().contains("already loaded"), "the demo data came with the backup");
            try (Connection c = superuser(restored)) {
                assertEquals("f", Sql.text(c, "select has_table_privilege('layanan', 'audit_entry', 'UPDATE')"),
                        "the restored folder has the same roles and privileges");
            }
        }
        try (Connection c = superuser(source)) {
            assertEquals("1", Sql.text(c, "select count(*) from audit_entry where action = 'takeBackup' and actor = 'command:backup' "
                    + "and target_id = '" + file.getFileName() + "'"), "the installation's trail says a backup was taken");
        }
    }

    @Test
    void aDamagedOrCutShortBackupIsRefusedWithOneLineAndNothingIsRestored() throws Exception {
        Path file = work.resolve("whole.zip");
        ServiceProcess.CommandRun backup = ServiceProcess.command(work, Map.of("layanan.data-dir", source.toString()), Duration.ofMinutes(3),
                "backup", "--to", file.toString());
        assertEquals(0, backup.exitCode(), backup.output());
        byte[] whole = Files.readAllBytes(file);

        Path cut = work.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path damaged = work.resolve("damaged.zip");
        byte[] flipped = whole.clone();
        int middle = whole.length / 3;
        flipped[middle] = (byte) ~flipped[middle];
        Files.write(damaged, flipped);

        Map<Path, String> expected = Map.of(
                cut, "ERROR the backup file " + cut + " is incomplete (cut short), damaged or no Layanan Desa backup: ",
                damaged, "ERROR the backup file " + damaged + " is damaged: ");
        for (var e : expected.entrySet()) {
            Path into = work.resolve("from-" + e.getKey().getFileName());
            ServiceProcess.CommandRun restore = ServiceProcess.command(work, Map.of(), Duration.ofMinutes(3),
                    "restore", "--from", e.getKey().toString(), "--data-dir", into.toString());
            assertEquals(1, restore.exitCode(), restore.output());
            List<String> lines = restore.output().lines().filter(l -> !l.startsWith("WARNING")).filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), restore.output());
            assertTrue(lines.get(0).startsWith(e.getValue()), lines.get(0));
            assertFalse(Files.exists(into), "nothing was restored");
        }

        Path restored = work.resolve("whole");
        assertEquals(0, ServiceProcess.command(work, Map.of(), Duration.ofMinutes(3), "restore", "--from", file.toString(),
                "--data-dir", restored.toString()).exitCode());
        ServiceProcess.CommandRun again = ServiceProcess.command(work, Map.of(), Duration.ofMinutes(3), "restore", "--from",
                file.toString(), "--data-dir", restored.toString());
        assertEquals(1, again.exitCode());
        assertTrue(again.output().contains("ERROR the data folder " + restored + " already holds a database: restore into a new, empty folder"),
                again.output());
    }
}
