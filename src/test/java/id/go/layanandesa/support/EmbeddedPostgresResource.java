package id.go.layanandesa.support;

import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.common.SigningKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One throwaway embedded PostgreSQL (and signing key) for the whole test run. It is set up like the default
 * run's (password authentication, migrations as the schema's owner, the service connecting as a role that is
 * neither owner nor superuser), only without flushing to disk.
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;
    private static Path root;

    public static synchronized EmbeddedDatabase database() {
        if (database == null) {
            try {
                root = Files.createTempDirectory("layanan-test");
                database = EmbeddedDatabase.start(root.resolve("pg"), 0, false);
                SigningKeys.ensure(root.resolve("jwt"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        PersonalDataLedger.write(settings());
                        database.close();
                        deleteTree(root);
                    } catch (IOException ignored) {
                        // best effort on the way out
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }

    public static Path root() {
        database();
        return root;
    }

    @Override
    public Map<String, String> start() {
        return settings();
    }

    /** What the service is configured with to reach the test database. */
    static Map<String, String> settings() {
        EmbeddedDatabase db = database();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password(),
                "quarkus.flyway.username", db.ownerUsername(),
                "quarkus.flyway.password", db.ownerPassword(),
                "layanan.data-dir", root.toString());
    }

    @Override
    public void stop() {
        // shared by every test class; closed when the JVM exits
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
