package id.go.layanandesa.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged service run as its own process, as an operator would run it. */
public final class ServiceProcess implements AutoCloseable {

    public final int port;
    /** The port of the management interface (metrics), on the loopback interface. */
    public final int managementPort;
    public final Path log;
    private final Process process;

    private ServiceProcess(int port, int managementPort, Path log, Process process) {
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    public static Path jar() {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the service first (./mvnw verify does): " + jar.toAbsolutePath());
        }
        return jar;
    }

    /** Starts the jar with these system properties and environment, and waits until it is ready. */
    public static ServiceProcess start(String name, Map<String, String> properties, Map<String, String> env, Path workDir) throws Exception {
        ServiceProcess service = launch(name, freePort(), properties, env, workDir);
        service.awaitReady(Duration.ofSeconds(90));
        return service;
    }

    /** Starts the jar on this data folder (the default run, its PostgreSQL embedded there) and waits until it is ready. */
    public static ServiceProcess onDataFolder(String name, Path dataDir, Path workDir) throws Exception {
        return start(name, Map.of("layanan.data-dir", dataDir.toString()), Map.of(), workDir);
    }

    /** Starts the jar and returns at once. */
    public static ServiceProcess launch(String name, int port, Map<String, String> properties, Map<String, String> env, Path workDir)
            throws Exception {
        Path log = Files.createTempFile("layanan-" + name + "-", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dquarkus.http.port=" + port);
        int managementPort = freePort();
        command.add("-Dquarkus.management.port=" + managementPort);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("LAYANAN_"));
        builder.environment().putAll(env);
        return new ServiceProcess(port, managementPort, log, builder.start());
    }

    /** What a command of the packaged jar printed, and its exit code. */
    public record CommandRun(int exitCode, String output) {
    }

    /** Runs the jar with these arguments (a command such as create-operator) and waits for it to end, 3 minutes at most. */
    public static CommandRun command(Map<String, String> properties, Map<String, String> env, Path workDir, String... args) throws Exception {
        return command(workDir, properties, env, Duration.ofMinutes(3), args);
    }

    /** Runs a command of the jar ({@code java -jar quarkus-run.jar <args>}) with these system properties, to its end. */
    public static CommandRun command(Path workDir, Map<String, String> properties, Duration timeout, String... args) throws Exception {
        return command(workDir, properties, Map.of(), timeout, args);
    }

    private static CommandRun command(Path workDir, Map<String, String> properties, Map<String, String> env, Duration timeout,
                                      String... args) throws Exception {
        Path log = Files.createTempFile("layanan-command-", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("LAYANAN_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not end in " + timeout + ":\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        return new CommandRun(process.exitValue(), output);
    }

    /** Waits for the process to end by itself; its exit code. */
    public int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not exit in " + timeout + ":\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A path of the management interface, such as /q/metrics. */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    public void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service was not ready in " + timeout + ":\n" + Files.readString(log));
    }

    public Process process() {
        return process;
    }

    /** Like kill -9: no shutdown hooks run. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Like SIGTERM: a clean stop. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
