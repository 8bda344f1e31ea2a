package id.go.layanandesa.common;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL started from the application's own dependencies, for the default run and the
 * tests. Production points the datasource at its own PostgreSQL and never starts this.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL on a free loopback port with its cluster in {@code dataDir}, creating the
     * cluster on first use and reusing it afterwards.
     *
     * @param durable whether commits are flushed to disk (on for the default run, off for throwaway test data)
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        if (!Files.isWritable(dataDir)) {
            throw new IOException("data folder " + dataDir.toAbsolutePath() + " is not writable");
        }
        stopOrphanedPostmaster(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // The owner stops it, after the service has closed its connections.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off");
        if (port > 0) {
            builder.setPort(port);
        }
        return new EmbeddedDatabase(builder.start(), dataDir);
    }

    /**
     * After the JVM was killed, the postmaster it started keeps running and holds the cluster;
     * stop it so that this start can take the cluster over with all its data.
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim)
                .filter(s -> s.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown, its old clients are gone
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the previous PostgreSQL", e);
            }
        }
        if (process.isAlive()) {
            throw new IOException("a PostgreSQL from an earlier run (pid " + process.pid() + ") still holds " + dataDir);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
