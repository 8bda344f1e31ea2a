package id.go.layanandesa.common;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The passwords of the embedded PostgreSQL: its superuser's, the schema owner's (migrations) and the service role's.
 * Made at the first start, kept in a file only its owner can read, beside the cluster folder (not in it: initdb wants
 * that folder empty). A file of an earlier version has no owner's password: it is given one at the next start.
 *
 * @param ownerPassword the schema owner's, or null when read from a file of an earlier version
 */
public record EmbeddedLogins(String superuserPassword, String ownerPassword, String servicePassword) {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String toString() {
        return "EmbeddedLogins[***]";
    }

    /** Reads the file; fails when it is missing or incomplete. */
    public static EmbeddedLogins read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String superuser = p.getProperty("superuser.password");
        String service = p.getProperty("password");
        if (superuser == null || superuser.isBlank() || service == null || service.isBlank()) {
            throw new IOException("the file " + file + " lacks a password");
        }
        String owner = p.getProperty("owner.password");
        return new EmbeddedLogins(superuser, owner == null || owner.isBlank() ? null : owner, service);
    }

    /**
     * Reads the file, or writes one with new random passwords when there is none; a file without the schema owner's
     * password (an earlier version's) is given one.
     */
    static EmbeddedLogins readOrCreate(Path file) throws IOException {
        try {
            EmbeddedLogins logins = read(file);
            if (logins.ownerPassword() == null) {
                logins = new EmbeddedLogins(logins.superuserPassword(), newSecret(), logins.servicePassword());
                writeOwnerOnly(file, logins.content());
            }
            return logins;
        } catch (NoSuchFileException e) {
            EmbeddedLogins logins = new EmbeddedLogins(newSecret(), newSecret(), newSecret());
            writeOwnerOnly(file, logins.content());
            return logins;
        }
    }

    private String content() {
        return """
                # Logins of the embedded PostgreSQL of Layanan Desa. Keep this file private (owner-only).
                # Its port is on line 4 of pg/postmaster.pid; connect to 127.0.0.1, database postgres, e.g.
                #   PGPASSWORD=<password> psql -h 127.0.0.1 -p <port> -U layanan postgres
                # owner: owns the schema and runs the migrations; user: what the service connects as (it may read
                # and write the tables, but neither change the schema nor alter or remove history and audit rows).
                superuser=%s
                superuser.password=%s
                owner=%s
                owner.password=%s
                user=%s
                password=%s
                """.formatted(EmbeddedDatabase.SUPERUSER, superuserPassword, EmbeddedDatabase.OWNER_ROLE, ownerPassword,
                EmbeddedDatabase.SERVICE_ROLE, servicePassword);
    }

    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Writes {@code content} readable by the owner only, replacing the file at once (never half-written). */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        }
        try {
            Files.writeString(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
