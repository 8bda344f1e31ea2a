package id.go.layanandesa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/** What the run ran on, and the resident memory of processes (from /proc). */
public final class Machine {

    private Machine() {
    }

    static void facts(Map<String, String> facts, Db db) throws Exception {
        facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> l.replaceAll("\\D+", "")).map(kb -> (Long.parseLong(kb) / 1024 / 1024) + " GiB").orElse("?");
        facts.put("memory", mem);
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        facts.put("cpu", cpu);
        facts.put("JDK", System.getProperty("java.vm.name") + " " + Runtime.version());
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            facts.put("PostgreSQL", rs.getString(1).replaceAll(" on .*", "") + " (embedded, started by the service)");
        }
        facts.put("service JVM options", "none of its own (default settings): ./run.sh, which adds -XX:AOTCache on JDK 25 or newer");
    }

    /** The postmaster (pg_ctl detaches it from the service) and its backends; -1 when it cannot be read. */
    public static long postgresRssKb(Path data) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).strip());
            long total = rssOf(postmaster);
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (statusField(pid, "PPid:") == postmaster) {
                        total += rssOf(pid);
                    }
                }
            }
            return total;
        } catch (Exception e) {
            return -1;
        }
    }

    public static long rssOf(long pid) {
        return statusField(pid, "VmRSS:");
    }

    public static long statusField(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D+", ""))).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }
}
