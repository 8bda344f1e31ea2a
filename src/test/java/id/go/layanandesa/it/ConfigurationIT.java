package id.go.layanandesa.it;

import id.go.layanandesa.common.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way README gives to configure the service works for the launcher too (which decides before the
 * service starts whether to start an embedded PostgreSQL, and where): a system property, an environment
 * variable, a {@code .env} file and {@code config/application.properties} in the working folder, in that
 * order of precedence.
 */
class ConfigurationIT {

    /** The documented ways, from the strongest to the weakest. */
    enum Way {
        SYSTEM_PROPERTY, ENVIRONMENT, DOT_ENV, CONFIG_FILE;

        /** Sets {@code key} to {@code value} this way for a start in {@code work}. */
        void set(String key, String value, Map<String, String> properties, Map<String, String> env, Path work) throws Exception {
            String envName = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            switch (this) {
                case SYSTEM_PROPERTY -> properties.put(key, value);
                case ENVIRONMENT -> env.put(envName, value);
                case DOT_ENV -> Files.writeString(work.resolve(".env"), envName + "=" + value + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                case CONFIG_FILE -> {
                    Files.createDirectories(work.resolve("config"));
                    Files.writeString(work.resolve("config/application.properties"), key + "=" + value + "\n",
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
            }
        }
    }

    static EmbeddedDatabase external;

    @BeforeAll
    static void startExternalDatabase() throws Exception {
        external = EmbeddedDatabase.start(Files.createTempDirectory("layanan-config-db").resolve("pg"), 0, false);
    }

    @AfterAll
    static void stopExternalDatabase() throws Exception {
        Started.stopAll(external);
    }

    static String failure(ServiceProcess p) throws Exception {
        assertNotEquals(0, p.awaitExit(Duration.ofSeconds(90)), p.output());
        String out = p.output();
        assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
        return out;
    }

    /** Each way names a database that is not there; weaker ways name others. The launcher tries the strongest one's. */
    @ParameterizedTest
    @EnumSource(Way.class)
    void theDatabaseIsTakenFromEveryWayInItsOrderOfPrecedence(Way way) throws Exception {
        Path work = Files.createTempDirectory("layanan-config-url");
        Map<String, String> properties = new HashMap<>(Map.of("layanan.data-dir", work.resolve("data").toString()));
        Map<String, String> env = new HashMap<>();
        int closedPort = ServiceProcess.freePort();
        for (Way weaker : Way.values()) {
            if (weaker.ordinal() > way.ordinal()) {
                weaker.set("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/weaker-" + weaker, properties, env, work);
            }
        }
        way.set("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/from-" + way, properties, env, work);
        way.set("quarkus.datasource.password", "secret-" + way, properties, env, work);
        String out = failure(ServiceProcess.launch("url-" + way, ServiceProcess.freePort(), properties, env, work));
        assertTrue(out.contains("ERROR cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closedPort + "/from-" + way + ":"), out);
        assertFalse(out.contains("secret-"), "the password is not printed");
        assertFalse(Files.exists(work.resolve("data/pg")), "no embedded PostgreSQL was started");
    }

    /** Each way points the data folder under a plain file, where it cannot be: the start says so about that folder. */
    @ParameterizedTest
    @EnumSource(Way.class)
    void theDataFolderIsTakenFromEveryWay(Way way) throws Exception {
        Path work = Files.createTempDirectory("layanan-config-data");
        Path notAFolder = Files.writeString(work.resolve("plain-file"), "x");
        Map<String, String> properties = new HashMap<>();
        Map<String, String> env = new HashMap<>();
        way.set("layanan.data-dir", notAFolder.resolve("data-" + way).toString(), properties, env, work);
        String out = failure(ServiceProcess.launch("data-" + way, ServiceProcess.freePort(), properties, env, work));
        assertTrue(out.contains("ERROR cannot start the embedded PostgreSQL in " + notAFolder.resolve("data-" + way) + ":"), out);
        assertFalse(Files.exists(work.resolve("data")), "nothing was made in the default folder");
    }

    @Test
    void theConfigurationFileInTheWorkingFolderRunsTheServiceOnAnExternalDatabase() throws Exception {
        Path work = Files.createTempDirectory("layanan-config-file");
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/application.properties"), """
                quarkus.datasource.jdbc.url=%s
                quarkus.datasource.username=%s
                quarkus.datasource.password=%s
                quarkus.flyway.username=%s
                quarkus.flyway.password=%s
                layanan.data-dir=keys
                """.formatted(external.jdbcUrl(), external.username(), external.password(), external.ownerUsername(), external.ownerPassword()));
        try (ServiceProcess service = ServiceProcess.start("config-file", Map.of(), Map.of(), work)) {
            assertEquals(404, Http.get(service.url("/api/v1/tracking/ZZZZ-ZZZZ-ZZ"), null).status(), "answers from the database");
            assertTrue(Files.exists(work.resolve("keys/jwt/private.pem")), "the signing key is in the configured folder");
            assertFalse(Files.exists(work.resolve("keys/pg")), "no embedded PostgreSQL");
            assertFalse(Files.exists(work.resolve("data")), "nothing in the default folder");
            assertFalse(service.output().contains("Embedded PostgreSQL data"), service.output());
            assertTrue(service.output().contains("Listening on: http://127.0.0.1:" + service.port), "this machine only by default");
        }
    }

    /** What the container image does: it sets QUARKUS_HTTP_HOST=0.0.0.0. */
    @Test
    void theServiceListensOnEveryInterfaceWhenConfiguredTo() throws Exception {
        Path work = Files.createTempDirectory("layanan-config-host");
        Map<String, String> env = Map.of("QUARKUS_HTTP_HOST", "0.0.0.0", "QUARKUS_DATASOURCE_JDBC_URL", external.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", external.username(), "QUARKUS_DATASOURCE_PASSWORD", external.password(),
                "QUARKUS_FLYWAY_USERNAME", external.ownerUsername(), "QUARKUS_FLYWAY_PASSWORD", external.ownerPassword());
        try (ServiceProcess service = ServiceProcess.start("all-interfaces", Map.of("layanan.data-dir", work.toString()), env, work)) {
            assertTrue(service.output().contains("Listening on: http://0.0.0.0:" + service.port), service.output());
            Optional<InetAddress> outside = EmbeddedDataFolderIT.outsideAddress();
            if (outside.isPresent()) {
                assertTrue(EmbeddedDataFolderIT.accepts(outside.get(), service.port), "reachable on " + outside.get());
            }
        }
    }
}
