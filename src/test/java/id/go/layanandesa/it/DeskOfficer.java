package id.go.layanandesa.it;

import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.common.EmbeddedLogins;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A desa officer of the demo kabupaten filing birth registrations with a running service, set up straight in its database. */
final class DeskOfficer {

    private final String token;
    private final long serviceType;

    private DeskOfficer(String token, long serviceType) {
        this.token = token;
        this.serviceType = serviceType;
    }

    /** The port of the embedded PostgreSQL that runs on {@code dataDir}, from its postmaster.pid. */
    static int postgresPort(Path dataDir) throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("pg/postmaster.pid"));
        return Integer.parseInt(pid.get(3).trim());
    }

    /** Its postmaster's process id. */
    static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(0).trim());
    }

    /** A connection to the embedded PostgreSQL of {@code dataDir} with the logins kept in that folder. */
    static Connection connect(Path dataDir, boolean superuser) throws Exception {
        EmbeddedLogins logins = EmbeddedLogins.read(dataDir.resolve(EmbeddedDatabase.CREDENTIALS_FILE));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort(dataDir) + "/postgres",
                superuser ? EmbeddedDatabase.SUPERUSER : EmbeddedDatabase.SERVICE_ROLE,
                superuser ? logins.superuserPassword() : logins.servicePassword());
    }

    /** A new officer account in the service's database {@code c}, with a token signed by the key in {@code dataDir}. */
    static DeskOfficer create(Connection c, Path dataDir) throws Exception {
        long account;
        long serviceType;
        String session = java.util.UUID.randomUUID().toString();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    insert into account (id, kabupaten_code, username, display_name, password_hash, role, desa_code, created_at, updated_at)
                    values (nextval('account_seq'), '73.24', 'it-' || nextval('account_seq'), 'IT', '!', 'DESA_OFFICER', '73.24.04.2001', now(), now())
                    returning id""")) {
                rs.next();
                account = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("select id from service_type where kabupaten_code = '73.24' and code = 'AKTA_KELAHIRAN'")) {
                rs.next();
                serviceType = rs.getLong(1);
            }
            // a token stands only while its login session does
            s.execute("insert into login_session (id, account_id, created_at, expires_at) values ('" + session + "', " + account
                    + ", now(), now() + interval '30 minutes')");
        }
        String token = Jwt.issuer("layanan-desa").subject(Long.toString(account)).upn("it").groups(Set.of("DESA_OFFICER"))
                .claim("account", Long.toString(account)).claim("kabupaten", "73.24").claim("desa", "73.24.04.2001").claim("sid", session)
                .expiresAt(Instant.now().plusSeconds(1800))
                .sign(KeyUtils.decodePrivateKey(Files.readString(dataDir.resolve("jwt/private.pem"))));
        return new DeskOfficer(token, serviceType);
    }

    /** Files one birth registration; the answer as it came. */
    Http.Reply file(ServiceProcess service) throws Exception {
        return Http.post(service.url("/api/v1/requests"), token, Map.of(
                "serviceTypeId", serviceType,
                "citizen", Map.of("nik", "7324044107900001", "name", "Warga"),
                "answers", Map.of("nama_bayi", "Bayi", "tanggal_lahir", LocalDate.now().minusDays(3).toString(),
                        "jenis_kelamin", "LAKI_LAKI", "anak_ke", 1, "tempat_lahir", "Malili"),
                "documents", List.of(Map.of("code", "SURAT_KETERANGAN_LAHIR", "provision", "ON_PAPER"),
                        Map.of("code", "KK", "provision", "ON_PAPER"))));
    }

    /** Files one and insists on 201; its tracking code. */
    String fileOne(ServiceProcess service) throws Exception {
        Http.Reply filed = file(service);
        assertEquals(201, filed.status(), String.valueOf(filed.body()));
        return filed.body().get("trackingCode").asText();
    }

    /** Whether the public tracking knows {@code code}. */
    static boolean tracked(ServiceProcess service, String code) throws Exception {
        return Http.get(service.url("/api/v1/tracking/" + code), null).status() == 200;
    }
}
