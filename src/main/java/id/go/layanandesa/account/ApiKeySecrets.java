package id.go.layanandesa.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The form of API keys: {@code ldk_} and 32 random bytes in base64url, kept only as a SHA-256 hash. */
public final class ApiKeySecrets {

    /** Every key starts with it, so a key sent as a bearer token is told apart from a JWT at a glance. */
    public static final String PREFIX = "ldk_";
    /** Characters of a key shown in lists: the prefix and 8 more. */
    static final int SHOWN = PREFIX.length() + 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The characters of a key that lists show. */
    public static String shown(String key) {
        return key.substring(0, Math.min(SHOWN, key.length()));
    }
}
