package id.go.layanandesa.webhook;

import id.go.layanandesa.common.idempotency.IdempotencySecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signing secrets of subscriptions, in the Standard Webhooks form: {@code whsec_} and 32 random bytes in base64.
 * The service must sign with them, so it keeps them, but encrypted (AES-GCM) under a key derived from the
 * installation's secret: a copy of the database alone does not let anyone forge events.
 */
@ApplicationScoped
public class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    /** Characters of a secret shown in views: the prefix and 6 more. */
    static final int SHOWN = PREFIX.length() + 6;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    @Inject
    IdempotencySecret installation;

    private volatile SecretKeySpec key;

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The key bytes a secret stands for (what HMAC-SHA256 is keyed with). */
    public static byte[] keyOf(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    public static String shown(String secret) {
        return secret.substring(0, SHOWN);
    }

    public byte[] seal(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String open(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, sealed, 0, IV_BYTES));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a webhook secret cannot be read: was the token signing key changed?", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            k = new SecretKeySpec(installation.mac("layanan-desa webhook secrets v1"), "AES");
            key = k;
        }
        return k;
    }
}
