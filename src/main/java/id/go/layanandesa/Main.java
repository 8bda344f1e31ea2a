package id.go.layanandesa;

import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.common.SigningKeys;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Starts the service. Without a configured datasource URL it first starts an embedded PostgreSQL whose
 * cluster lives in the data folder, so that a first run needs nothing but a JDK.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (setting("quarkus.datasource.jdbc.url") == null) {
            startEmbedded();
        } else {
            checkExternalDatabase();
        }
        ensureSigningKeys();
        returnIdleHeap();
        Quarkus.run(Service.class, args);
    }

    private static void startEmbedded() {
        Path dataDir = Path.of(settingOr("layanan.data-dir", "data")).toAbsolutePath().normalize();
        int port = Integer.parseInt(settingOr("layanan.embedded-db.port", "0"));
        EmbeddedDatabase db;
        try {
            db = EmbeddedDatabase.start(dataDir.resolve("pg"), port, true);
        } catch (IOException | RuntimeException e) {
            System.err.println("ERROR cannot start the embedded PostgreSQL in " + dataDir + ": " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitServiceStopped();
            try {
                db.close();
            } catch (IOException e) {
                System.err.println("ERROR stopping the embedded PostgreSQL: " + rootMessage(e));
            }
        }, "embedded-postgres-stop"));
        System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", db.username());
        System.setProperty("quarkus.datasource.password", db.password());
        System.setProperty("layanan.embedded", "true");
        System.setProperty("layanan.data-dir", dataDir.toString());
        if (setting("layanan.demo.enabled") == null) {
            System.setProperty("layanan.demo.enabled", "true");
        }
    }

    /** The service finishes its requests and closes its pool before the database goes. */
    private static void awaitServiceStopped() {
        Application app = Application.currentApplication();
        if (app == null) {
            return;
        }
        Thread waiter = new Thread(app::awaitShutdown, "await-service-stopped");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Without configured key locations, tokens are signed with a key pair kept in the data folder. */
    private static void ensureSigningKeys() {
        if (setting("smallrye.jwt.sign.key.location") != null || setting("mp.jwt.verify.publickey.location") != null) {
            return;
        }
        Path dataDir = Path.of(settingOr("layanan.data-dir", "data")).toAbsolutePath().normalize();
        try {
            SigningKeys.ensure(dataDir.resolve("jwt"));
        } catch (IOException | RuntimeException e) {
            System.err.println("ERROR cannot create the token signing key in " + dataDir.resolve("jwt") + ": " + rootMessage(e));
            System.exit(1);
        }
        System.setProperty("layanan.data-dir", dataDir.toString());
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

    /** An unreachable database should be one clear line, not the wall of traces a failed migration prints. */
    private static void checkExternalDatabase() {
        String url = setting("quarkus.datasource.jdbc.url");
        DriverManager.setLoginTimeout(10);
        try (var ignored = DriverManager.getConnection(url.replaceFirst("^jdbc:otel:", "jdbc:"),
                settingOr("quarkus.datasource.username", ""), settingOr("quarkus.datasource.password", ""))) {
            // reachable
        } catch (SQLException e) {
            System.err.println("ERROR cannot connect to the database at " + url.replaceAll("password=[^&]*", "password=***")
                    + ": " + rootMessage(e));
            System.exit(1);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Reads a setting the way the service does for system properties and environment variables. */
    static String setting(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String settingOr(String key, String fallback) {
        String value = setting(key);
        return value == null ? fallback : value;
    }

    public static class Service implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
