package id.go.layanandesa.bench;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Access tokens as the service issues them at login, signed with the key it made in its data folder. */
final class Tokens {

    private final PrivateKey key;

    Tokens(Path data) throws Exception {
        key = KeyUtils.decodePrivateKey(Files.readString(data.resolve("jwt/private.pem")));
    }

    String token(long accountId, String username, String role, String desa, Long opd) {
        var builder = Jwt.issuer("layanan-desa").subject(Long.toString(accountId)).upn(username).groups(Set.of(role))
                .claim("account", Long.toString(accountId)).claim("kabupaten", Bench.KAB)
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
