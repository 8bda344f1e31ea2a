package id.go.layanandesa;

import id.go.layanandesa.backup.BackupCommand;
import id.go.layanandesa.common.DataFolderLock;
import id.go.layanandesa.common.DatabaseSupervisor;
import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.common.EmbeddedStart;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.SigningKeys;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.RuntimeConfigBuilder;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Starts the service. Without a configured datasource URL it first starts an embedded PostgreSQL whose
 * cluster lives in the data folder, so that a first run needs nothing but a JDK.
 */
@QuarkusMain
public class Main {

    /** Held for the life of the process: the data folder and its PostgreSQL are this process's. */
    private static DataFolderLock dataFolderLock;
    private static EmbeddedDatabase embedded;
    private static DatabaseSupervisor supervisor;

    public static void main(String... args) {
        SmallRyeConfig config = launchConfig();
        if (args.length > 0 && BackupCommand.handles(args[0])) {
            System.exit(BackupCommand.run(config, args));
        }
        LayananConfig layanan = config.getConfigMapping(LayananConfig.class);
        Path dataDir = Path.of(layanan.dataDir()).toAbsolutePath().normalize();
        if (CreateOperatorCommand.named(args)) {
            CreateOperatorCommand.run(config, layanan, dataDir, args);
            return;
        }
        Optional<String> url = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class);
        if (url.isEmpty()) {
            startEmbedded(config, layanan, dataDir);
        } else {
            checkExternalDatabase(config, url.get());
        }
        ensureSigningKeys(config, dataDir);
        exitCleanlyOnTerm();
        returnIdleHeap();
        Quarkus.run(Service.class, args);
    }

    /**
     * The configuration as the service itself will read it: system properties, environment variables, a
     * {@code .env} file and {@code config/application.properties} in the working folder, the packaged
     * {@code application.properties}, with profiles and expressions, in Quarkus's order of precedence.
     */
    static SmallRyeConfig launchConfig() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder();
        new RuntimeConfigBuilder().configBuilder(builder);
        // the converter of Quarkus's MemorySize, registered by hand: the packaged jar discovers it, dev mode does not
        return builder.withSources(new DotEnvConfigSourceProvider())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withMapping(LayananConfig.class)
                .withValidateUnknown(false)
                .build();
    }

    private static void startEmbedded(SmallRyeConfig config, LayananConfig layanan, Path dataDir) {
        try {
            dataFolderLock = DataFolderLock.acquire(dataDir);
        } catch (DataFolderLock.InUseException e) {
            System.err.println("ERROR " + e.getMessage() + "; stop it first or set another layanan.data-dir");
            System.exit(1);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("ERROR cannot start the embedded PostgreSQL in " + dataDir + ": " + rootMessage(e));
            System.exit(1);
            return;
        }
        try {
            embedded = EmbeddedDatabase.prepare(dataDir.resolve("pg"), layanan.embeddedDb().port(), true);
            if (embedded.fresh()) {
                // initdb settles the port and the passwords: the service waits for the first start
                embedded.launchPrepared();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("ERROR cannot start the embedded PostgreSQL in " + dataDir + ": " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Main::stopEmbedded, "embedded-postgres-stop"));
        if (embedded.fresh()) {
            supervise(layanan);
        } else {
            // An existing cluster starts while the service boots; its first use of the database waits for it.
            EmbeddedStart.begin(() -> {
                try {
                    embedded.launchPrepared();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                supervise(layanan);
            }, e -> "ERROR cannot start the embedded PostgreSQL in " + dataDir + ": " + rootMessage(e));
        }
        System.setProperty("quarkus.datasource.jdbc.url", embedded.jdbcUrl());
        System.setProperty("quarkus.datasource.username", embedded.username());
        System.setProperty("quarkus.datasource.password", embedded.password());
        // migrations run as the schema's owner; the service itself cannot change the schema
        System.setProperty("quarkus.flyway.username", embedded.ownerUsername());
        System.setProperty("quarkus.flyway.password", embedded.ownerPassword());
        System.setProperty("layanan.embedded", "true");
        System.setProperty("layanan.data-dir", dataDir.toString());
        if (!configured(config, "layanan.demo.enabled")) {
            System.setProperty("layanan.demo.enabled", "true");
        }
    }

    private static void supervise(LayananConfig layanan) {
        supervisor = DatabaseSupervisor.start(embedded, layanan.embeddedDb().restartAttempts(), layanan.embeddedDb().restartDelay());
    }

    /**
     * After the service has finished its requests and closed its pool, the database goes, then the lock on the
     * data folder. A database that will not stop makes the exit code 1.
     */
    private static void stopEmbedded() {
        awaitApplicationStopped("service");
        if (!EmbeddedStart.done()) {
            EmbeddedStart.await(); // a start under way ends first, so that what it started is stopped
        }
        if (supervisor != null) {
            supervisor.stop();
        }
        try {
            embedded.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("ERROR stopping the embedded PostgreSQL: " + rootMessage(e));
            Runtime.getRuntime().halt(1);
        }
        try {
            dataFolderLock.close();
        } catch (IOException e) {
            // released by the operating system as the process ends
        }
    }

    /**
     * The application (the service, or a command) finishes its requests and closes its pool before the database goes;
     * at most 30 s.
     */
    static void awaitApplicationStopped(String what) {
        Application app = Application.currentApplication();
        if (app == null) {
            return;
        }
        Thread waiter = new Thread(app::awaitShutdown, "await-" + what + "-stopped");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM is how service managers and containers ask for a stop: after the same orderly stop as Ctrl+C the
     * process exits 0, not 143, so that they record a clean stop.
     */
    @SuppressWarnings("restriction")
    private static void exitCleanlyOnTerm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no such signal here, or the JVM runs with -Xrs: keep its default
        }
    }

    /** Without configured key locations, tokens are signed with a key pair kept in the data folder. */
    static void ensureSigningKeys(SmallRyeConfig config, Path dataDir) {
        Path keys = dataDir.resolve("jwt");
        boolean inDataFolder = pointsTo(config, "smallrye.jwt.sign.key.location", keys.resolve("private.pem"))
                && pointsTo(config, "mp.jwt.verify.publickey.location", keys.resolve("public.pem"));
        if (!inDataFolder) {
            return;
        }
        try {
            SigningKeys.ensure(keys);
        } catch (IOException | RuntimeException e) {
            System.err.println("ERROR cannot create the token signing key in " + keys + ": " + rootMessage(e));
            System.exit(1);
        }
        System.setProperty("layanan.data-dir", dataDir.toString());
    }

    /** Whether {@code key} was set anywhere, as opposed to having only its default. */
    private static boolean configured(SmallRyeConfig config, String key) {
        ConfigValue value = config.getConfigValue(key);
        return value.getValue() != null && value.getConfigSourceOrdinal() > Integer.MIN_VALUE;
    }

    private static boolean pointsTo(SmallRyeConfig config, String key, Path file) {
        return config.getOptionalValue(key, String.class)
                .filter(location -> !location.contains(":") || location.startsWith("file:"))
                .map(location -> Path.of(location.replaceFirst("^file:", "")).toAbsolutePath().normalize().equals(file))
                .orElse(false);
    }

    /**
     * A village service is idle most of the day, often on a small shared server. By default the JVM keeps
     * the heap it grew to under load; with tighter free-heap ratios a full collection when idle
     * ({@code common.IdleMemory}) hands that memory back. Only flags the operator left at their defaults
     * are changed.
     */
    private static void returnIdleHeap() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            setIfDefault(vm, "MinHeapFreeRatio", "10");
            setIfDefault(vm, "MaxHeapFreeRatio", "30");
        } catch (RuntimeException e) {
            // another JVM or collector without these flags: keep its defaults
        }
    }

    private static void setIfDefault(HotSpotDiagnosticMXBean vm, String flag, String value) {
        if (vm.getVMOption(flag).getOrigin() == VMOption.Origin.DEFAULT) {
            vm.setVMOption(flag, value);
        }
    }

    /** An unreachable database should be one clear line (and exit code 1), not the wall of traces a failed migration prints. */
    static void checkExternalDatabase(SmallRyeConfig config, String url) {
        DriverManager.setLoginTimeout(10);
        try (var ignored = DriverManager.getConnection(url.replaceFirst("^jdbc:otel:", "jdbc:"),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(""),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            // reachable
        } catch (SQLException e) {
            System.err.println("ERROR cannot connect to the database at " + url.replaceAll("password=[^&]*", "password=***")
                    + ": " + rootMessage(e));
            System.exit(1);
        }
    }

    /** The message of the innermost cause, which says what went wrong in the fewest words. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public static class Service implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
