package id.go.layanandesa.common;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How {@code run.sh} decides whether a start reads the JDK's AOT cache ({@code scripts/java-home.sh}): only a cache made
 * after the jar, by the very JDK that starts, on JDK 25 or newer; a missing or stale cache is not read (the JVM would
 * refuse it with a warning at best). JDKs here are folders with a {@code release} file, which is all the scripts read.
 */
class AotCacheChoiceTest {

    @TempDir
    Path dir;

    private Path jar;
    private Path aot;

    @BeforeEach
    void packagedJar() throws IOException {
        Path app = Files.createDirectories(dir.resolve("target/quarkus-app"));
        jar = Files.writeString(app.resolve("quarkus-run.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        aot = app.resolve("app.aot");
    }

    @Test
    void aCacheMadeAfterTheJarByThisJdkIsRead() throws Exception {
        Path jdk = jdk("jdk-25", "25.0.1", "25.0.1+8-LTS");
        cacheMadeBy(jdk);
        assertEquals(0, current(jdk), "a fresh cache of this JDK");
    }

    @Test
    void aMissingCacheIsNotRead() throws Exception {
        assertEquals(1, current(jdk("jdk-25", "25.0.1", "25.0.1+8-LTS")));
    }

    @Test
    void aCacheOlderThanTheJarIsNotRead() throws Exception {
        Path jdk = jdk("jdk-25", "25.0.1", "25.0.1+8-LTS");
        cacheMadeBy(jdk);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(1, current(jdk), "the jar was built again after the cache was made");
    }

    @Test
    void aCacheOfAnotherJdkBuildIsNotRead() throws Exception {
        Path jdk = jdk("jdk-25", "25.0.1", "25.0.1+8-LTS");
        cacheMadeBy(jdk);
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.2\"\nJAVA_RUNTIME_VERSION=\"25.0.2+10-LTS\"\n");
        assertEquals(1, current(jdk), "the JDK was updated in place");
        assertEquals(1, current(jdk("other-jdk-25", "25.0.1", "25.0.1+8-LTS")), "another JDK folder");
    }

    @Test
    void aJdkOlderThan25ReadsNoCache() throws Exception {
        Path jdk = jdk("jdk-21", "21.0.5", "21.0.5+11-LTS");
        cacheMadeBy(jdk);
        assertEquals(1, current(jdk));
    }

    @Test
    void theJdkVersionIsReadFromItsReleaseFile() throws Exception {
        assertEquals("25", major(jdk("jdk-25", "25.0.1", "25.0.1+8-LTS")));
        assertEquals("21", major(jdk("jdk-21", "21", "21+35")));
        assertEquals("8", major(jdk("jdk-8", "1.8.0_392", "1.8.0_392-b08")));
    }

    private Path jdk(String name, String version, String runtimeVersion) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Files.writeString(home.resolveSibling("release"),
                "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion + "\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home.getParent();
    }

    /** What scripts/aot-cache.sh leaves: the cache, then the stamp of the JDK that made it. */
    private void cacheMadeBy(Path jdk) throws Exception {
        Files.writeString(aot, "cache");
        String stamp = shell(jdk, "_layanan_jdk_stamp").output;
        Files.writeString(aot.resolveSibling("app.aot.jdk"), stamp);
    }

    private int current(Path jdk) throws Exception {
        return shell(jdk, "_layanan_aot_current '" + jar + "' '" + aot + "'").exit;
    }

    private String major(Path jdk) throws Exception {
        return shell(jdk, "_layanan_java_major '" + jdk + "'").output.trim();
    }

    private record Result(int exit, String output) {
    }

    /** Runs a function of scripts/java-home.sh with JAVA_HOME at {@code jdk}, without picking a JDK. */
    private static Result shell(Path jdk, String call) throws Exception {
        Path script = Path.of("scripts/java-home.sh").toAbsolutePath();
        assertTrue(Files.exists(script), script.toString());
        // the functions only: the last lines pick a JDK and export it
        String functions = "eval \"$(sed '/^_layanan_pick_jdk ||/,$d' '" + script + "')\"";
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", functions + " && " + call)).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", jdk.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), output);
    }
}
