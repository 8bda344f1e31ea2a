package id.go.layanandesa.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures: HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}, sent as
 * {@code v1,<base64>}; several (after a rotation, one per valid secret) separated by spaces.
 */
public final class Signatures {

    /** One MAC per thread, keyed anew for each signature (looking the algorithm up costs more than keying it). */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private Signatures() {
    }

    public static String header(String messageId, long timestampSeconds, String body, List<byte[]> keys) {
        return keys.stream().map(k -> "v1," + sign(messageId, timestampSeconds, body, k)).collect(Collectors.joining(" "));
    }

    static String sign(String messageId, long timestampSeconds, String body, byte[] key) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            byte[] signed = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
