package id.go.layanandesa.it;

import id.go.layanandesa.common.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When its database goes away the service says it is not ready, and it is ready again when the database returns. */
class DatabaseOutageIT {

    static int readiness(ServiceProcess service) throws Exception {
        return Http.get(service.url("/q/health/ready"), null).status();
    }

    static void await(ServiceProcess service, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = readiness(service);
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness stayed " + last + ", expected " + status + "\n" + service.output());
    }

    @Test
    void readinessFollowsTheDatabase() throws Exception {
        Path root = Files.createTempDirectory("layanan-outage");
        int port = ServiceProcess.freePort();
        EmbeddedDatabase db = EmbeddedDatabase.start(root.resolve("pg"), port, false);
        Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", db.username(), "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                "QUARKUS_FLYWAY_USERNAME", db.ownerUsername(), "QUARKUS_FLYWAY_PASSWORD", db.ownerPassword());
        try (ServiceProcess service = ServiceProcess.start("outage", Map.of("layanan.data-dir", root.toString()), env, root)) {
            assertEquals(200, readiness(service));
            db.close();
            await(service, 503, Duration.ofSeconds(30));
            assertEquals(200, Http.get(service.url("/q/health/live"), null).status(), "still alive while the database is away");
            db = EmbeddedDatabase.start(root.resolve("pg"), port, false);
            await(service, 200, Duration.ofSeconds(60));
            assertTrue(Http.get(service.url("/api/v1/tracking/ZZZZ-ZZZZ-ZZ"), null).status() == 404, "answers again");
        } finally {
            db.close();
        }
    }
}
