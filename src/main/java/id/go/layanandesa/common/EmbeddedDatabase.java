package id.go.layanandesa.common;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL started from the application's own dependencies, for the default run and the
 * tests. Production points the datasource at its own PostgreSQL and never starts this.
 *
 * <p>It listens on 127.0.0.1 only and every connection proves a password (SCRAM): the superuser's, the schema
 * owner's and the service role's are random, made at the first start and kept owner-only in {@code pg.credentials}
 * beside the cluster folder. Migrations run as {@value #OWNER_ROLE}, which owns the schema and everything in it; the
 * service connects as {@value #SERVICE_ROLE}, which may read and write the tables but not change them, and neither
 * update nor delete the rows of append-only tables (the history of requests, the audit trail). Neither is a
 * superuser. A cluster made by an earlier version (trusting every local connection, the service connecting as the
 * superuser, or as the owner of the schema) is moved to this on its next start, with its data.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    /** The role the service connects as: it reads and writes the tables, nothing more. */
    public static final String SERVICE_ROLE = "layanan";
    /** The role that owns the schema and everything in it; migrations run as it. */
    public static final String OWNER_ROLE = "layanan_owner";
    /**
     * The trigger function that marks a table append-only (see the migrations): the service role is given neither
     * UPDATE, DELETE nor TRUNCATE on a table that has a trigger of it.
     */
    public static final String APPEND_ONLY_FUNCTION = "refuse_change_of_append_only_rows";
    public static final String DATABASE = "postgres";
    public static final String CREDENTIALS_FILE = "pg.credentials";

    /** What pg_hba.conf says, always: a password for everyone, and connections only from this machine. */
    static final String PG_HBA = """
            # Written by Layanan Desa at every start: every connection proves a password (SCRAM).
            # The passwords are in pg.credentials beside this folder, readable by its owner only.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    /**
     * Hands every object of the schema to the owner role (objects of earlier versions belong to the superuser or to
     * the service role).
     */
    private static final String OWN_EVERYTHING = """
            do $$
            declare
              r record;
            begin
              for r in
                select c.oid::regclass as name,
                       case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view'
                                      when 'f' then 'foreign table' else 'table' end as kind
                from pg_class c
                where c.relnamespace = 'public'::regnamespace
                  and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
                  and c.relowner <> '%1$s'::regrole
                  -- a sequence that belongs to a column follows its table
                  and not (c.relkind = 'S' and exists (select from pg_depend d
                           where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')))
              loop
                execute format('alter %%s %%s owner to %1$s', r.kind, r.name);
              end loop;
              for r in
                select p.oid::regprocedure as name from pg_proc p
                where p.pronamespace = 'public'::regnamespace and p.proowner <> '%1$s'::regrole
              loop
                execute format('alter routine %%s owner to %1$s', r.name);
              end loop;
              for r in
                select t.oid::regtype as name from pg_type t
                where t.typnamespace = 'public'::regnamespace and t.typowner <> '%1$s'::regrole
                  and t.typrelid = 0 and t.typelem = 0 and t.typtype <> 'm'
              loop
                execute format('alter type %%s owner to %1$s', r.name);
              end loop;
            end
            $$""".formatted(OWNER_ROLE);

    /**
     * What the service role may do: read and write every table and use every sequence, now and for the tables later
     * migrations create, and VACUUM and ANALYZE them; but neither update, delete nor truncate the rows of an
     * append-only table (those with a trigger of {@link #APPEND_ONLY_FUNCTION}).
     */
    private static final String SERVICE_ROLE_GRANTS = """
            grant usage on schema public to %1$s;
            grant select, insert, update, delete, maintain on all tables in schema public to %1$s;
            grant usage, select, update on all sequences in schema public to %1$s;
            alter default privileges for role %2$s in schema public grant select, insert, update, delete, maintain on tables to %1$s;
            alter default privileges for role %2$s in schema public grant usage, select, update on sequences to %1$s;
            do $$
            declare
              r record;
            begin
              for r in
                select distinct t.tgrelid::regclass as name
                from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                where p.proname = '%3$s' and p.pronamespace = 'public'::regnamespace
              loop
                execute format('revoke update, delete, truncate on %%s from %1$s', r.name);
              end loop;
            end
            $$""".formatted(SERVICE_ROLE, OWNER_ROLE, APPEND_ONLY_FUNCTION);

    /** Why a server did not start, as it says it: "FATAL:  lock file ... exists" or "postgres: could not access ...". */
    private static final Pattern STARTUP_FAILURE = Pattern.compile("(?:(?:FATAL|PANIC):\\s*|^postgres: )(.+)$");

    private final Path dataDir;
    private final boolean durable;
    private final EmbeddedLogins logins;
    private int port;
    private boolean fresh;
    private EmbeddedPostgres postgres;
    private ProcessHandle postmaster;
    private Path binaries;
    private boolean closed;

    private EmbeddedDatabase(Path dataDir, boolean durable, EmbeddedLogins logins, int port) {
        this.dataDir = dataDir;
        this.durable = durable;
        this.logins = logins;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on loopback with its cluster in {@code dataDir}, creating the cluster on first use and
     * reusing it afterwards; on a free port when {@code port} is 0.
     *
     * @param durable whether commits are flushed to disk (on for the default run, off for throwaway test data)
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean durable) throws IOException {
        EmbeddedDatabase db = prepare(dataDir, port, durable);
        db.launchPrepared();
        return db;
    }

    /**
     * What {@link #start} does before the server runs: checks the folder and the passwords, stops a server an earlier
     * run left behind and, for a cluster that exists, settles the port (a free one when {@code port} is 0), so that
     * the connection details are known at once and {@link #launchPrepared} may run while the service boots.
     */
    public static EmbeddedDatabase prepare(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        if (!Files.isWritable(dataDir)) {
            throw new IOException("data folder " + dataDir.toAbsolutePath() + " is not writable");
        }
        Path credentials = credentialsFile(dataDir);
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        if (!fresh && !Files.exists(credentials) && !trustsAnyone(dataDir)) {
            throw new IOException("the passwords of the embedded PostgreSQL are missing: restore " + credentials);
        }
        EmbeddedLogins logins = EmbeddedLogins.readOrCreate(credentials);
        stopOrphanedPostmaster(dataDir);
        EmbeddedDatabase db = new EmbeddedDatabase(dataDir, durable, logins, port);
        db.fresh = fresh;
        if (!fresh && port <= 0) {
            db.port = freeLoopbackPort();
        }
        return db;
    }

    /** Whether this start creates the cluster (initdb): only then are the port and the passwords settled by the start. */
    public boolean fresh() {
        return fresh;
    }

    /** Starts the server {@link #prepare} prepared and sets up its logins; stops it again when that fails. */
    public void launchPrepared() throws IOException {
        launch(fresh);
        try {
            secure();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Where the passwords of the cluster in {@code dataDir} are kept. */
    public static Path credentialsFile(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolveSibling(CREDENTIALS_FILE);
    }

    /** Settings of the server, for the first start and for restarts alike. */
    private Map<String, String> serverConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("timezone", "UTC");
        config.put("listen_addresses", "127.0.0.1");
        config.put("password_encryption", "scram-sha-256");
        config.put("max_connections", "200");
        config.put("fsync", durable ? "on" : "off");
        config.put("synchronous_commit", durable ? "on" : "off");
        config.put("full_page_writes", durable ? "on" : "off");
        return config;
    }

    private void launch(boolean fresh) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // The owner stops it, after the service has closed its connections.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // how the library itself checks that the server is up
                .setConnectConfig("password", logins.superuserPassword());
        serverConfig().forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        Path passwordFile = null;
        try {
            if (fresh) {
                // A new cluster never trusts anyone: initdb gives the superuser its password, and pg_hba.conf is
                // replaced before the server first starts. The library passes its "locale" settings to initdb as
                // --key=value, after its own -A trust, so these win.
                passwordFile = ownerOnlyTempFile(dataDir.toAbsolutePath().getParent(), logins.superuserPassword());
                builder.setLocaleConfig("auth", "scram-sha-256")
                        .setLocaleConfig("pwfile", passwordFile.toString())
                        .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
            }
            postgres = builder.start();
        } finally {
            if (passwordFile != null) {
                Files.deleteIfExists(passwordFile);
            }
        }
        port = postgres.getPort();
        postmaster = postmasterOf(dataDir).orElseThrow(() -> new IOException("PostgreSQL started but wrote no postmaster.pid"));
        binaries = postmaster.info().command().map(Path::of).map(Path::getParent).orElse(null);
    }

    /**
     * Makes sure the superuser, the owner and the service role have their passwords, the owner owns the schema, the
     * service role has only the privileges it needs, and pg_hba.conf trusts no one. Harmless when all is in order already;
     * on a cluster of an earlier version it runs while that cluster still trusts local connections, which it stops at the
     * end.
     */
    private void secure() throws IOException {
        try (Connection c = dataSource(SUPERUSER, logins.superuserPassword()).getConnection()) {
            c.setAutoCommit(false);
            PGConnection pg = c.unwrap(PGConnection.class);
            try (Statement s = c.createStatement()) {
                for (String role : List.of(OWNER_ROLE, SERVICE_ROLE)) {
                    s.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then "
                            + "create role " + role + " login; end if; end $$");
                    s.execute("alter role " + role + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
                }
                // hashed here: the plain password never reaches the server, nor its log
                pg.alterUserPassword(SUPERUSER, logins.superuserPassword().toCharArray(), "scram-sha-256");
                pg.alterUserPassword(OWNER_ROLE, logins.ownerPassword().toCharArray(), "scram-sha-256");
                pg.alterUserPassword(SERVICE_ROLE, logins.servicePassword().toCharArray(), "scram-sha-256");
                s.execute("alter schema public owner to " + OWNER_ROLE);
                s.execute(OWN_EVERYTHING);
                s.execute(SERVICE_ROLE_GRANTS);
                c.commit();
                c.setAutoCommit(true);
                if (!PG_HBA.equals(Files.readString(dataDir.resolve("pg_hba.conf")))) {
                    writeHba(dataDir);
                    s.execute("select pg_reload_conf()");
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot set up the logins of the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static void writeHba(Path dir) {
        try {
            EmbeddedLogins.writeOwnerOnly(dir.resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether pg_hba.conf lets anyone in without a password: a cluster made by an earlier version. */
    private static boolean trustsAnyone(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readAllLines(hba).stream()
                .map(String::trim)
                .filter(line -> !line.startsWith("#"))
                .anyMatch(line -> List.of(line.split("\\s+")).contains("trust"));
    }

    private static Path ownerOnlyTempFile(Path dir, String content) throws IOException {
        Path file;
        try {
            file = Files.createTempFile(dir, "pg-init", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            file = Files.createTempFile(dir, "pg-init", ".tmp");
        }
        Files.writeString(file, content + "\n");
        return file;
    }

    /**
     * After the JVM was killed, the postmaster it started keeps running and holds the cluster; stop it so that
     * this start can take the cluster over with all its data. Only when its owner is gone: the library holds a
     * lock on {@code epg-lock} in the cluster for as long as its process lives.
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Optional<ProcessHandle> orphan = postmasterOf(dataDir)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        if (ownerIsAlive(dataDir)) {
            throw new IOException("the PostgreSQL (pid " + process.pid() + ") in " + dataDir + " belongs to a running process");
        }
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown, its old clients are gone
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (alive(process) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the previous PostgreSQL", e);
            }
        }
        if (alive(process)) {
            throw new IOException("a PostgreSQL from an earlier run (pid " + process.pid() + ") still holds " + dataDir);
        }
    }

    private static boolean ownerIsAlive(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    private static Optional<ProcessHandle> postmasterOf(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim)
                .filter(s -> s.matches("\\d{1,10}"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(EmbeddedDatabase::alive);
    }

    /** Whether the postmaster started last is still alive. */
    public synchronized boolean isRunning() {
        return !closed && postmaster != null && alive(postmaster);
    }

    /**
     * Alive and not a zombie: a postmaster that died stays in the process table until someone reaps it, which
     * may be late or never (in a container whose first process does not reap).
     */
    private static boolean alive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return true; // no /proc here: trust the process table
        }
    }

    /**
     * Starts PostgreSQL again, on the same port and with the same settings, after its postmaster died; the cluster
     * recovers from its write-ahead log. Fails at once when the server cannot start (unlike the first start,
     * which the library waits on for a minute), so that the caller can pause and try again.
     */
    public synchronized void restart() throws IOException {
        if (closed) {
            throw new IOException("the embedded PostgreSQL was stopped");
        }
        if (isRunning()) {
            return;
        }
        if (binaries == null) {
            throw new IOException("the PostgreSQL programs were not found");
        }
        StringBuilder options = new StringBuilder("-p " + port + " -F");
        serverConfig().forEach((key, value) -> options.append(" -c ").append(key).append('=').append(value));
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as the library does: PostgreSQL refuses to run as root
        }
        command.addAll(List.of(binaries.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-o", options.toString(),
                "-w", "-t", "60", "start"));
        Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).start();
        // The server keeps writing to this pipe after pg_ctl is gone: read it for as long as it does. Once it serves,
        // its lines may quote data (a failed statement's details), so only what it says while starting is kept.
        AtomicReference<String> reason = new AtomicReference<>();
        AtomicBoolean starting = new AtomicBoolean(true);
        Thread output = Thread.ofPlatform().daemon().name("embedded-postgres-output").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(pgCtl.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = STARTUP_FAILURE.matcher(line);
                    if (starting.get() && m.find()) {
                        reason.set(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the server and pg_ctl are gone
            }
        });
        try {
            if (!pgCtl.waitFor(75, TimeUnit.SECONDS)) {
                pgCtl.destroyForcibly();
                throw new IOException("PostgreSQL did not start within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting PostgreSQL", e);
        }
        Optional<ProcessHandle> started = postmasterOf(dataDir);
        if (pgCtl.exitValue() != 0 || started.isEmpty()) {
            try {
                output.join(Duration.ofSeconds(2)); // the server is gone: its last words are on their way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("PostgreSQL did not start" + (reason.get() == null ? "" : ": " + reason.get()));
        }
        starting.set(false);
        postmaster = started.get();
        try (Connection c = dataSource(SERVICE_ROLE, logins.servicePassword()).getConnection(); Statement s = c.createStatement()) {
            s.execute("select 1");
        } catch (SQLException e) {
            throw new IOException("PostgreSQL started but does not answer: " + e.getMessage(), e);
        }
    }

    public PGSimpleDataSource dataSource(String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[]{"127.0.0.1"});
        ds.setPortNumbers(new int[]{port});
        ds.setDatabaseName(DATABASE);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setConnectTimeout(10);
        return ds;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The role the service connects as. */
    public String username() {
        return SERVICE_ROLE;
    }

    public String password() {
        return logins.servicePassword();
    }

    /** The role migrations run as: the owner of the schema. */
    public String ownerUsername() {
        return OWNER_ROLE;
    }

    public String ownerPassword() {
        return logins.ownerPassword();
    }

    /** The superuser's password, for backups and restores. */
    public String superuserPassword() {
        return logins.superuserPassword();
    }

    public synchronized int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops PostgreSQL; fails when its postmaster is still alive afterwards. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (postgres != null) {
            postgres.close();
        }
        if (postmaster != null) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (alive(postmaster) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (alive(postmaster)) {
                throw new IOException("PostgreSQL (pid " + postmaster.pid() + ") did not stop");
            }
        }
    }
}
