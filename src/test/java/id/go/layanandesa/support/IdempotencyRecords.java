package id.go.layanandesa.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.idempotency.IdempotencySecret;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Base64;
import java.util.HexFormat;

/** The idempotency records of a caller's key: keys are stored as keyed hashes, so tests look them up the same way. */
public final class IdempotencyRecords {

    private IdempotencyRecords() {
    }

    /** How many records the caller of this access token keeps under the key (0 or 1). */
    public static long count(String accessToken, String key) {
        return Db.count("select count(*) from idempotency_record where principal = ?1 and key_hash = ?2",
                principalOf(accessToken), keyHash(accessToken, key));
    }

    /** The location the record of this key stores (the path of what the call created). */
    public static String location(String accessToken, String key) {
        return (String) Db.single("select location from idempotency_record where principal = ?1 and key_hash = ?2",
                principalOf(accessToken), keyHash(accessToken, key));
    }

    private static String keyHash(String accessToken, String key) {
        IdempotencySecret secret = CDI.current().select(IdempotencySecret.class).get();
        return HexFormat.of().formatHex(secret.mac("key", principalOf(accessToken), key));
    }

    /** {@code account:N} of one of the service's own access tokens. */
    static String principalOf(String accessToken) {
        try {
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
            return "account:" + claims.get("account").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
