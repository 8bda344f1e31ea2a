package id.go.layanandesa.bench;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Access tokens as the service issues them at login, signed with the key it made in its data folder. */
final class Tokens {

    private final PrivateKey key;
    private final Db db;

    Tokens(Path data, Db db) throws Exception {
        key = KeyUtils.decodePrivateKey(Files.readString(data.resolve("jwt/private.pem")));
        this.db = db;
    }

    /** A token of a new login session of the account, as a login would give (a token stands only while its session does). */
    String token(long accountId, String username, String role, String desa, Long opd) throws Exception {
        String session = UUID.randomUUID().toString();
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(
                "insert into login_session (id, account_id, created_at, expires_at) values (cast(? as uuid), ?, now(), now() + interval '6 hours')")) {
            p.setString(1, session);
            p.setLong(2, accountId);
            p.executeUpdate();
        }
        var builder = Jwt.issuer("layanan-desa").subject(Long.toString(accountId)).upn(username).groups(Set.of(role))
                .claim("account", Long.toString(accountId)).claim("kabupaten", Bench.KAB).claim("sid", session)
                .expiresAt(Instant.now().plus(Duration.ofHours(6)));
        if (desa != null) {
            builder.claim("desa", desa);
        }
        if (opd != null) {
            builder.claim("opd", opd.toString());
        }
        return builder.sign(key);
    }
}
