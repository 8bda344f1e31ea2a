package id.go.layanandesa.it;

import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.common.SigningKeys;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One PostgreSQL and a signing key shared by packaged instances that send webhooks to receivers on this machine. */
final class WebhookInstances implements AutoCloseable {

    /** Receivers run here, over http; retries come fast and an attempt times out after 2 s. */
    static final Map<String, String> SETTINGS = Map.of(
            "layanan.webhooks.allow-http", "true",
            "layanan.webhooks.allowed-networks", "127.0.0.0/8",
            "layanan.webhooks.initial-delay", "PT0.2S",
            "layanan.webhooks.max-delay", "PT1S",
            "layanan.webhooks.timeout", "PT2S",
            "layanan.webhooks.poll-interval", "PT1S");

    final Path root;
    final EmbeddedDatabase db;
    final PrivateKey signingKey;

    WebhookInstances(String name) throws Exception {
        root = Files.createTempDirectory("layanan-" + name);
        db = EmbeddedDatabase.start(root.resolve("pg"), 0, false);
        SigningKeys.ensure(root.resolve("jwt"));
        signingKey = KeyUtils.decodePrivateKey(Files.readString(root.resolve("jwt/private.pem")));
    }

    /** Starts an instance on the shared database; the first one loads the demo kabupaten. */
    ServiceProcess start(String name, boolean demo, Map<String, String> extra) throws Exception {
        Map<String, String> properties = new HashMap<>(SETTINGS);
        properties.put("layanan.data-dir", root.toString());
        properties.put("layanan.demo.enabled", Boolean.toString(demo));
        properties.putAll(extra);
        Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", db.username(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(), "QUARKUS_FLYWAY_USERNAME", db.ownerUsername(),
                "QUARKUS_FLYWAY_PASSWORD", db.ownerPassword());
        return ServiceProcess.start(name, properties, env, root);
    }

    Connection jdbc() throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    long single(String sql) throws Exception {
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A token of a new login session of a new account of the demo kabupaten with this role (and desa or OPD). */
    String token(String username, String role, String desa, Long opd) throws Exception {
        try (Connection c = jdbc()) {
            long id = DirectLogins.account(c, username, role, desa, opd);
            return DirectLogins.token(c, signingKey, id, username, role, desa, opd);
        }
    }

    long opd(String code) throws Exception {
        return single("select id from opd where kabupaten_code = '73.24' and code = '" + code + "'");
    }

    static Map<String, Object> filing(long serviceTypeId) {
        return Map.of(
                "serviceTypeId", serviceTypeId,
                "citizen", Map.of("nik", "7324044107900001", "name", "Warga Uji", "phone", "081234567890"),
                "answers", Map.of("nama_bayi", "Bayi", "tanggal_lahir", "2026-11-20", "jenis_kelamin", "LAKI_LAKI", "anak_ke", 1,
                        "tempat_lahir", "Malili"),
                "documents", List.of(Map.of("code", "SURAT_KETERANGAN_LAHIR", "provision", "ON_PAPER"),
                        Map.of("code", "KK", "provision", "ON_PAPER")));
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
