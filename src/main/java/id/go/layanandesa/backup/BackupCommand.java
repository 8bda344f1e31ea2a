package id.go.layanandesa.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.DataFolderLock;
import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.common.EmbeddedLogins;
import io.smallrye.config.SmallRyeConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backup and restore commands of the embedded database:
 * <pre>
 *   java -jar quarkus-run.jar backup [--to FILE] [--snapshot ID]
 *   java -jar quarkus-run.jar restore --from FILE [--data-dir DIR]
 * </pre>
 * A backup is taken online, beside the running service (connecting with the passwords in the data folder), or, when no
 * service runs, from a PostgreSQL the command starts itself. A restore goes into a new, empty data folder: it makes a new
 * cluster with new passwords, migrates it to the backup's schema version, loads every table and sets every sequence,
 * and puts the data folder's files back. Each failure is one line on stderr and exit code 1.
 */
public final class BackupCommand {

    static final List<String> COMMANDS = List.of("backup", "restore");

    private BackupCommand() {
    }

    public static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    /** Runs the command named by {@code args[0]}; its exit code. */
    public static int run(SmallRyeConfig config, String... args) {
        String command = args[0];
        try {
            Map<String, String> options = options(command, Arrays.copyOfRange(args, 1, args.length));
            Path dataDir = Path.of(options.getOrDefault("--data-dir",
                    config.getOptionalValue("layanan.data-dir", String.class).orElse("data"))).toAbsolutePath().normalize();
            if (command.equals("backup")) {
                backup(config, dataDir, options);
            } else {
                restore(dataDir, options);
            }
            return 0;
        } catch (BackupFailure e) {
            System.err.println("ERROR " + e.getMessage());
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.println("ERROR the " + command + " failed: " + rootMessage(e));
        }
        return 1;
    }

    private static Map<String, String> options(String command, String[] args) throws BackupFailure {
        List<String> allowed = command.equals("backup") ? List.of("--to", "--snapshot", "--data-dir") : List.of("--from", "--data-dir");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            }
            if (!allowed.contains(name) || value == null || value.isBlank()) {
                throw new BackupFailure("usage: " + command + " " + String.join(" ", allowed.stream().map(o -> "[" + o + " ...]").toList())
                        + " (" + arg + " is not one of them, or lacks its value)");
            }
            options.put(name, value);
        }
        if (command.equals("restore") && !options.containsKey("--from")) {
            throw new BackupFailure("usage: restore --from FILE [--data-dir DIR]: name the backup file to restore");
        }
        return options;
    }

    // ------------------------------------------------------------------------------------------ backup

    private static void backup(SmallRyeConfig config, Path dataDir, Map<String, String> options)
            throws BackupFailure, IOException, SQLException {
        Optional<String> external = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class);
        if (external.isPresent()) {
            throw new BackupFailure("the service uses the PostgreSQL at " + external.get().replaceAll("password=[^&]*", "password=***")
                    + ": back it up with PostgreSQL's own tools (pg_dump, or base backups with WAL archiving), see the README's Backups");
        }
        Path pg = dataDir.resolve("pg");
        if (!Files.exists(pg.resolve("PG_VERSION"))) {
            throw new BackupFailure("there is no database in " + dataDir + " to back up (set layanan.data-dir or --data-dir)");
        }
        Path target = Path.of(options.getOrDefault("--to",
                "layanan-backup-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".zip")).toAbsolutePath();
        long started = System.nanoTime();
        BackupManifest manifest;
        DataFolderLock lock;
        try {
            lock = DataFolderLock.acquire(dataDir);
        } catch (DataFolderLock.InUseException e) {
            lock = null;
        }
        if (lock == null) {
            // the service runs: read beside it, with the passwords it keeps in the data folder
            EmbeddedLogins logins = EmbeddedLogins.read(EmbeddedDatabase.credentialsFile(pg));
            try (Connection c = connect(port(pg), EmbeddedDatabase.SUPERUSER, logins.superuserPassword())) {
                manifest = new BackupWriter().write(c, options.get("--snapshot"), dataDir, target);
                recordInTrail(c, target, manifest);
            }
        } else {
            try (DataFolderLock held = lock; EmbeddedDatabase db = EmbeddedDatabase.start(pg, 0, true);
                 Connection c = connect(db.port(), EmbeddedDatabase.SUPERUSER, db.superuserPassword())) {
                manifest = new BackupWriter().write(c, options.get("--snapshot"), dataDir, target);
                recordInTrail(c, target, manifest);
            }
        }
        System.out.printf("Backup written to %s: schema version %s, %d tables, %d rows, %d files, %.1f MB in %.1f s%n", target,
                manifest.schemaVersion(), manifest.tables().size(), manifest.totalRows(), manifest.files().size(),
                Files.size(target) / 1e6, (System.nanoTime() - started) / 1e9);
    }

    /** The installation's audit trail says that a backup was taken (not of which data: it is all of it). */
    private static void recordInTrail(Connection c, Path target, BackupManifest manifest) throws SQLException, IOException {
        c.setAutoCommit(true);
        try (PreparedStatement p = c.prepareStatement("""
                insert into audit_entry (at, actor_kind, actor, action, target_type, target_id, detail)
                select now(), 'COMMAND', 'command:backup', 'takeBackup', 'BACKUP', ?, cast(? as jsonb)
                 where to_regclass('public.audit_entry') is not null""")) {
            p.setString(1, target.getFileName().toString());
            p.setString(2, new ObjectMapper().writeValueAsString(Map.of("schemaVersion", manifest.schemaVersion(),
                    "tables", manifest.tables().size(), "rows", manifest.totalRows(), "files", manifest.files().size())));
            p.executeUpdate();
        }
    }

    // ------------------------------------------------------------------------------------------ restore

    private static void restore(Path dataDir, Map<String, String> options) throws BackupFailure, IOException, SQLException {
        Path file = Path.of(options.get("--from")).toAbsolutePath();
        Path pg = dataDir.resolve("pg");
        if (Files.exists(EmbeddedDatabase.credentialsFile(pg)) || (Files.isDirectory(pg) && !isEmpty(pg))) {
            throw new BackupFailure("the data folder " + dataDir + " already holds a database: restore into a new, empty folder "
                    + "(set layanan.data-dir or --data-dir)");
        }
        try (BackupReader backup = BackupReader.open(file)) {
            BackupManifest manifest = backup.manifest();
            boolean folderWasThere = Files.exists(dataDir);
            List<Path> made = new ArrayList<>();
            try (DataFolderLock lock = DataFolderLock.acquire(dataDir)) {
                made.add(pg);
                made.add(EmbeddedDatabase.credentialsFile(pg));
                try (EmbeddedDatabase db = EmbeddedDatabase.start(pg, 0, true)) {
                    migrate(db, manifest.schemaVersion());
                    try (Connection c = connect(db.port(), EmbeddedDatabase.SUPERUSER, db.superuserPassword())) {
                        load(c, backup, manifest);
                    }
                }
                for (BackupManifest.DataFile f : manifest.files()) {
                    Path target = dataDir.resolve(f.path()).normalize();
                    if (!target.startsWith(dataDir) || BackupWriter.NOT_COPIED.contains(dataDir.relativize(target).getName(0).toString())) {
                        throw new BackupFailure("the backup file " + file + " names a file outside what a backup holds: " + f.path());
                    }
                    Files.createDirectories(target.getParent());
                    made.add(target);
                    try (InputStream in = backup.file(f); OutputStream out = Files.newOutputStream(target)) {
                        in.transferTo(out);
                    }
                    if (f.permissions() != null) {
                        try {
                            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(f.permissions()));
                        } catch (UnsupportedOperationException e) {
                            // no POSIX permissions here
                        }
                    }
                }
            } catch (BackupFailure | IOException | SQLException | RuntimeException e) {
                undo(dataDir, folderWasThere, made);
                throw e;
            }
            System.out.printf("Restored %s (taken %s, schema version %s: %d tables, %d rows, %d files) into %s; "
                            + "start the service with layanan.data-dir=%s%n", file, manifest.createdAt(), manifest.schemaVersion(),
                    manifest.tables().size(), manifest.totalRows(), manifest.files().size(), dataDir, dataDir);
        }
    }

    /** Brings the new cluster's schema to the backup's version with this build's migrations, as its owner. */
    private static void migrate(EmbeddedDatabase db, String version) throws BackupFailure {
        Flyway flyway = Flyway.configure(Thread.currentThread().getContextClassLoader())
                .dataSource(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword())
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .target(MigrationVersion.fromVersion(version))
                .load();
        MigrationInfo[] known = flyway.info().all();
        if (Arrays.stream(known).noneMatch(m -> m.getVersion() != null && m.getVersion().getVersion().equals(version))) {
            String newest = known.length == 0 ? "none" : known[known.length - 1].getVersion().getVersion();
            throw new BackupFailure("the backup's schema version " + version + " is not one this build knows (its newest is " + newest
                    + "): restore it with the version of Layanan Desa that took it, or a later one");
        }
        flyway.migrate();
    }

    /** Every table of the backup into the migrated schema, in one transaction, and every sequence where it stood. */
    private static void load(Connection c, BackupReader backup, BackupManifest manifest) throws BackupFailure, SQLException, IOException {
        List<String> tables = BackupWriter.tables(c);
        List<String> inBackup = manifest.tables().stream().map(BackupManifest.Table::name).sorted().toList();
        if (!tables.equals(inBackup)) {
            throw new BackupFailure("the schema at version " + manifest.schemaVersion() + " has the tables " + tables
                    + ", the backup " + inBackup + ": it was not taken by this application");
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // rows go in as they were: neither foreign keys nor the append-only triggers are checked while loading
            s.execute("set local session_replication_role = replica");
            s.execute("truncate " + String.join(", ", tables.stream().map(t -> "public." + BackupWriter.quote(t)).toList()));
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (BackupManifest.Table t : manifest.tables()) {
                List<String> columns = BackupWriter.columns(c, t.name());
                if (!columns.equals(t.columns())) {
                    throw new BackupFailure("the table " + t.name() + " at schema version " + manifest.schemaVersion() + " has the columns "
                            + columns + ", the backup " + t.columns());
                }
                long rows;
                try (InputStream in = backup.table(t)) {
                    rows = copy.copyIn("copy public." + BackupWriter.quote(t.name()) + " ("
                            + String.join(", ", columns.stream().map(BackupWriter::quote).toList()) + ") from stdin", in);
                }
                if (rows != t.rows()) {
                    throw new BackupFailure("the table " + t.name() + " took " + rows + " rows of the " + t.rows() + " in the backup");
                }
            }
            for (BackupManifest.Sequence q : manifest.sequences()) {
                try (PreparedStatement p = c.prepareStatement("select setval(?::regclass, ?, ?)")) {
                    p.setString(1, "public." + BackupWriter.quote(q.name()));
                    p.setLong(2, q.lastValue());
                    p.setBoolean(3, q.called());
                    p.execute();
                }
            }
            c.commit();
        } catch (BackupFailure | SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        }
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("analyze");
        }
    }

    /** Takes away what a failed restore made, so that the folder can be used again. */
    private static void undo(Path dataDir, boolean folderWasThere, List<Path> made) {
        try {
            if (!folderWasThere) {
                deleteTree(dataDir);
                return;
            }
            for (Path p : made.reversed()) {
                deleteTree(p);
            }
            Files.deleteIfExists(dataDir.resolve(DataFolderLock.FILE));
        } catch (IOException e) {
            System.err.println("WARN could not remove what the failed restore made in " + dataDir + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The port of the embedded PostgreSQL that runs on the cluster folder, from line 4 of its postmaster.pid. */
    private static int port(Path pg) throws BackupFailure, IOException {
        Path pid = pg.resolve("postmaster.pid");
        List<String> lines = Files.exists(pid) ? Files.readAllLines(pid) : List.of();
        if (lines.size() < 4) {
            throw new BackupFailure("the service holds the data folder " + pg.getParent() + " but its PostgreSQL is not running");
        }
        return Integer.parseInt(lines.get(3).trim());
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE, user, password);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
