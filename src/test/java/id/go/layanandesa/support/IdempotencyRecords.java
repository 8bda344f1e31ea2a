package id.go.layanandesa.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.idempotency.IdempotencySecret;
import jakarta.enterprise.inject.spi.CDI;

import java.nio.charset.StandardCharsets;
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

    /** The stored answer of the key, sealed as it lies in the table. */
    public static String sealedAnswer(String accessToken, String key) {
        return (String) Db.single("select body from idempotency_record where principal = ?1 and key_hash = ?2",
                principalOf(accessToken), keyHash(accessToken, key));
    }

    /** Puts {@code sealed} in place of the stored answer of the key. */
    public static void replaceSealedAnswer(String accessToken, String key, String sealed) {
        Db.exec("update idempotency_record set body = ?1 where principal = ?2 and key_hash = ?3",
                sealed, principalOf(accessToken), keyHash(accessToken, key));
    }

    /**
     * The answer's sealing written out on its own, as records have always been sealed: AES-GCM with a 128-bit tag under
     * HMAC("answer", principal, key) of the installation's secret, the 12-byte nonce before the ciphertext, the key's
     * hash as associated data, all in Base64. Records sealed so must stay readable whatever the service does inside.
     */
    public static String seal(String accessToken, String key, String json, byte[] nonce) {
        try {
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, answerKey(accessToken, key), new javax.crypto.spec.GCMParameterSpec(128, nonce));
            cipher.updateAAD(keyHash(accessToken, key).getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
            byte[] all = java.util.Arrays.copyOf(nonce, nonce.length + sealed.length);
            System.arraycopy(sealed, 0, all, nonce.length, sealed.length);
            return Base64.getEncoder().encodeToString(all);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a stored answer sealed as {@link #seal} describes. */
    public static String open(String accessToken, String key, String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, answerKey(accessToken, key),
                    new javax.crypto.spec.GCMParameterSpec(128, java.util.Arrays.copyOf(all, 12)));
            cipher.updateAAD(keyHash(accessToken, key).getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC("answer", principal, key), each part ended by a NUL, taken on a MAC of its own. */
    private static javax.crypto.spec.SecretKeySpec answerKey(String accessToken, String key) {
        IdempotencySecret secret = CDI.current().select(IdempotencySecret.class).get();
        javax.crypto.Mac mac = secret.macOver("answer");
        for (String part : new String[]{principalOf(accessToken), key}) {
            mac.update(part.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
        }
        return new javax.crypto.spec.SecretKeySpec(mac.doFinal(), "AES");
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
