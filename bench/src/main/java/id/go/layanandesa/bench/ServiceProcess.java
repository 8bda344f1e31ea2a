package id.go.layanandesa.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged service ({@code target/quarkus-app}) as its own process, with its embedded PostgreSQL on a data folder. */
public final class ServiceProcess {

    private final Process process;
    private final Path log;
    private long readyNanos;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the service the way README tells a user to, with {@code ./run.sh} (which reuses the build and, on JDK 25
     * or newer, starts with the JDK's AOT cache, recording it first when the build has none), and waits until it is
     * ready; its output goes to target/bench/service.log.
     */
    static ServiceProcess start(Path root, Path data, int httpPort, int pgPort, List<String> opts) throws Exception {
        return start(root, data, httpPort, pgPort, opts, java.util.Map.of());
    }

    /** The same, with these environment variables added (e.g. LAYANAN_AOT_CACHE=off). */
    static ServiceProcess start(Path root, Path data, int httpPort, int pgPort, List<String> opts, java.util.Map<String, String> env)
            throws Exception {
        Path log = root.resolve("target/bench/service.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(root.resolve("run.sh").toString());
        command.add("-Dquarkus.http.port=" + httpPort);
        command.add("-Dlayanan.data-dir=" + data);
        // the metrics interface on a port of its own too, so that two runs on one machine do not collide
        command.add("-Dquarkus.management.port=" + Bench.freePort());
        // the webhook figure's receiver runs in the load generator, on this machine
        command.add("-Dlayanan.webhooks.allow-http=true");
        command.add("-Dlayanan.webhooks.allowed-networks=127.0.0.1/32");
        command.addAll(opts);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.directory(data.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("LAYANAN_"));
        // read by the launcher only (not a Quarkus setting): the embedded PostgreSQL's port, for the JDBC baseline
        builder.environment().put("LAYANAN_EMBEDDED_DB_PORT", Integer.toString(pgPort));
        builder.environment().putAll(env);
        long t0 = System.nanoTime();
        ServiceProcess s = new ServiceProcess(builder.start(), log);
        s.awaitReady(httpPort, t0);
        return s;
    }

    private void awaitReady(int port, long t0) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = t0 + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    readyNanos = System.nanoTime() - t0;
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the service was not ready in 3 minutes; see " + log);
    }

    /** From process start to /q/health/ready answering 200. */
    public long readyNanos() {
        return readyNanos;
    }

    /** The start time Quarkus logged last ("started in 1.234s"). */
    public double quarkusStartedSeconds() {
        try {
            String text = Files.readString(log);
            Matcher m = Pattern.compile("started in ([0-9.]+)s").matcher(text);
            double last = Double.NaN;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            return last;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    public long rssKb() {
        return Machine.rssOf(process.pid());
    }

    /** Processor time the service's process used so far (user and system). */
    public java.time.Duration cpu() {
        return process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    /** Peak resident memory. */
    public long hwmKb() {
        return Machine.statusField(process.pid(), "VmHWM:");
    }

    boolean alive() {
        return process.isAlive();
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        // the embedded PostgreSQL is stopped by the service's shutdown hook
    }
}
