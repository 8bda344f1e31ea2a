package id.go.layanandesa.it;

import io.smallrye.jwt.build.Jwt;

import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Accounts of the demo kabupaten and their login sessions, written straight into a packaged instance's database, with
 * tokens signed by the instance's key as its login would sign them.
 */
final class DirectLogins {

    private DirectLogins() {
    }

    /** A new account with this role (and desa or OPD) and no usable password; its id. */
    static long account(Connection c, String username, String role, String desa, Long opd) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "insert into account (id, kabupaten_code, username, display_name, password_hash, role, desa_code, opd_id, created_at, updated_at) "
                        + "values (nextval('account_seq'), '73.24', ?, ?, '!', ?, ?, ?, now(), now()) returning id")) {
            p.setString(1, username);
            p.setString(2, username);
            p.setString(3, role);
            p.setString(4, desa);
            p.setObject(5, opd, Types.BIGINT);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A token of a new login session of the account, as a login would give. */
    static String token(Connection c, PrivateKey signingKey, long accountId, String username, String role, String desa, Long opd)
            throws SQLException {
        String session = UUID.randomUUID().toString();
        try (PreparedStatement p = c.prepareStatement(
                "insert into login_session (id, account_id, created_at, expires_at) values (cast(? as uuid), ?, now(), now() + interval '1 hour')")) {
            p.setString(1, session);
            p.setLong(2, accountId);
            p.executeUpdate();
        }
        var builder = Jwt.issuer("layanan-desa").subject(Long.toString(accountId)).upn(username).groups(Set.of(role))
                .claim("account", Long.toString(accountId)).claim("kabupaten", "73.24").claim("sid", session)
                .expiresAt(Instant.now().plusSeconds(3600));
        if (desa != null) {
            builder.claim("desa", desa);
        }
        if (opd != null) {
            builder.claim("opd", opd.toString());
        }
        return builder.sign(signingKey);
    }
}
