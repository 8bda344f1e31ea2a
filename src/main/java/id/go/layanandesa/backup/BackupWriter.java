package id.go.layanandesa.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import id.go.layanandesa.common.DataFolderLock;
import id.go.layanandesa.common.EmbeddedDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a logical backup of the database and the data folder's files to one ZIP file: every table of the schema as
 * COPY text, read in one REPEATABLE READ transaction (one snapshot: consistent while the service keeps writing), the
 * sequences, the files of the data folder but the PostgreSQL cluster and its passwords, and last the manifest with the
 * schema version and a SHA-256 of every entry. The file is written beside its final name and moved there when whole.
 */
final class BackupWriter {

    /** What of the data folder is not copied: the cluster itself (its tables are), its passwords (a restore makes new ones), the lock. */
    static final Set<String> NOT_COPIED = Set.of("pg", EmbeddedDatabase.CREDENTIALS_FILE, DataFolderLock.FILE);

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Writes the backup of what {@code c} (a superuser's connection) sees, and of {@code dataDir}'s files, to {@code target}.
     *
     * @param snapshot a snapshot exported by another transaction to read the tables in, or null for a snapshot of its own
     */
    BackupManifest write(Connection c, String snapshot, Path dataDir, Path target) throws IOException, SQLException, BackupFailure {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = ownerOnly(parent.resolve("." + target.getFileName() + ".partial"));
        BackupManifest manifest;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
             ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setLevel(Deflater.BEST_SPEED);
            manifest = writeEntries(c, snapshot, dataDir, zip);
            zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY));
            zip.write(json.writeValueAsBytes(manifest));
            zip.closeEntry();
        } catch (IOException | SQLException | BackupFailure | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return manifest;
    }

    private BackupManifest writeEntries(Connection c, String snapshot, Path dataDir, ZipOutputStream zip)
            throws IOException, SQLException, BackupFailure {
        try (Statement s = c.createStatement()) {
            // no stored content is deleted from before the snapshot until the files are copied: a file the snapshot's
            // rows name is then still there when it is copied (deleting is left to a later sweep meanwhile)
            s.execute("select pg_advisory_lock(" + BLOB_DELETION_LOCK + ")");
        }
        try {
            return writeEntriesHoldingFiles(c, snapshot, dataDir, zip);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("select pg_advisory_unlock(" + BLOB_DELETION_LOCK + ")");
            }
        }
    }

    /**
     * The advisory lock that a deletion of stored content takes shared and a backup exclusively
     * ({@code document.DocumentStore#tryExclusive}).
     */
    static final String BLOB_DELETION_LOCK = "hashtext('layanan-blob-deletion'), 0";

    private BackupManifest writeEntriesHoldingFiles(Connection c, String snapshot, Path dataDir, ZipOutputStream zip)
            throws IOException, SQLException, BackupFailure {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set transaction isolation level repeatable read, read only");
            if (snapshot != null) {
                try (PreparedStatement p = c.prepareStatement("set transaction snapshot '" + snapshot.replace("'", "''") + "'")) {
                    p.execute();
                } catch (SQLException e) {
                    throw new BackupFailure("the snapshot " + snapshot + " cannot be read: " + e.getMessage(), e);
                }
            }
            s.execute("set local time zone 'UTC'");
            s.execute("set local extra_float_digits = 3");
            String schemaVersion = single(s, "select version from flyway_schema_history where success and version is not null "
                    + "order by installed_rank desc limit 1");
            if (schemaVersion == null) {
                throw new BackupFailure("the database has no schema yet: start the service once before backing it up");
            }
            String postgres = single(s, "show server_version");
            String pgSnapshot = single(s, "select pg_current_snapshot()::text");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<BackupManifest.Table> tables = new ArrayList<>();
            for (String table : tables(c)) {
                List<String> columns = columns(c, table);
                BackupManifest.Table t = new BackupManifest.Table(table, columns, 0, 0, null);
                zip.putNextEntry(new ZipEntry(t.entry()));
                Checksummed sum = new Checksummed();
                try (OutputStream out = sum.writingTo(zip)) {
                    copy.copyOut("copy public." + quote(table) + " (" + String.join(", ", columns.stream().map(BackupWriter::quote).toList())
                            + ") to stdout", out);
                }
                zip.closeEntry();
                tables.add(new BackupManifest.Table(table, columns, sum.newlines(), sum.bytes(), sum.sha256()));
            }
            List<BackupManifest.Sequence> sequences = sequences(c);
            c.commit();
            // after the snapshot: a file the snapshot's rows name was written before it, so it is there
            List<BackupManifest.DataFile> files = files(dataDir, zip);
            return new BackupManifest(BackupManifest.FORMAT, BackupManifest.FORMAT_VERSION, Instant.now().toString(), schemaVersion,
                    postgres, pgSnapshot, tables, sequences, files);
        } finally {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** The tables of the schema but Flyway's own history (a restore migrates to the same version instead). */
    static List<String> tables(Connection c) throws SQLException {
        return strings(c, """
                select c.relname from pg_class c
                 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and c.relname <> 'flyway_schema_history'
                 order by c.relname""");
    }

    /** Its columns in order, but generated ones (PostgreSQL computes them again). */
    static List<String> columns(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                select a.attname from pg_attribute a
                 where a.attrelid = ('public.' || quote_ident(?))::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                 order by a.attnum""")) {
            p.setString(1, table);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    private static List<BackupManifest.Sequence> sequences(Connection c) throws SQLException {
        List<BackupManifest.Sequence> result = new ArrayList<>();
        for (String name : strings(c, "select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'S' order by 1")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select last_value, is_called from public." + quote(name))) {
                rs.next();
                result.add(new BackupManifest.Sequence(name, rs.getLong(1), rs.getBoolean(2)));
            }
        }
        return result;
    }

    private static List<BackupManifest.DataFile> files(Path dataDir, ZipOutputStream zip) throws IOException {
        List<BackupManifest.DataFile> files = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) {
            return files;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            paths = walk.filter(Files::isRegularFile)
                    .filter(p -> !NOT_COPIED.contains(dataDir.relativize(p).getName(0).toString()))
                    .filter(p -> !p.getFileName().toString().endsWith(".partial"))
                    .sorted().toList();
        }
        for (Path path : paths) {
            String relative = dataDir.relativize(path).toString().replace(java.io.File.separatorChar, '/');
            String permissions;
            try {
                permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
            } catch (UnsupportedOperationException e) {
                permissions = null;
            }
            BackupManifest.DataFile f = new BackupManifest.DataFile(relative, 0, null, permissions);
            zip.putNextEntry(new ZipEntry(f.entry()));
            Checksummed sum = new Checksummed();
            try (InputStream in = Files.newInputStream(path); OutputStream out = sum.writingTo(zip)) {
                in.transferTo(out);
            }
            zip.closeEntry();
            files.add(new BackupManifest.DataFile(relative, sum.bytes(), sum.sha256(), permissions));
        }
        return files;
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** An empty file only its owner may read and write: a backup holds every citizen's personal data. */
    static Path ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }
}
