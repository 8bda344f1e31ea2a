package id.go.layanandesa.it;

import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.common.SigningKeys;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        long id;
        try (Connection c = jdbc(); PreparedStatement p = c.prepareStatement(
                "insert into account (id, kabupaten_code, username, display_name, password_hash, role, desa_code, opd_id, created_at, updated_at) "
                        + "values (nextval('account_seq'), '73.24', ?, ?, '!', ?, ?, ?, now(), now()) returning id")) {
            p.setString(1, username);
            p.setString(2, username);
            p.setString(3, role);
            p.setString(4, desa);
            p.setObject(5, opd);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        String session = java.util.UUID.randomUUID().toString();
        try (Connection c = jdbc(); PreparedStatement p = c.prepareStatement(
                "insert into login_session (id, account_id, created_at, expires_at) values (cast(? as uuid), ?, now(), now() + interval '1 hour')")) {
            p.setString(1, session);
            p.setLong(2, id);
            p.executeUpdate();
        }
        var builder = Jwt.issuer("layanan-desa").subject(Long.toString(id)).upn(username).groups(Set.of(role))
                .claim("account", Long.toString(id)).claim("kabupaten", "73.24").claim("sid", session)
                .expiresAt(Instant.now().plusSeconds(3600));
        if (desa != null) {
            builder.claim("desa", desa);
        }
        if (opd != null) {
            builder.claim("opd", opd.toString());
        }
        return builder.sign(signingKey);
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
