package id.go.layanandesa.common.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * The installation's secret for idempotency records, derived from the token signing key that every instance
 * already shares (so no further setting is needed). Keys, fingerprints and stored answers are keyed with it:
 * a copy of the database alone reveals neither the answers nor what the calls contained.
 */
@ApplicationScoped
public class IdempotencySecret {

    private static final String LABEL = "layanan-desa idempotency v1";

    @ConfigProperty(name = "smallrye.jwt.sign.key.location")
    Optional<String> signKeyLocation;

    @ConfigProperty(name = "smallrye.jwt.sign.key")
    Optional<String> signKey;

    private volatile byte[] secret;

    /**
     * A MAC under the secret per thread: looking one up and keying it cost more than the digest itself, and a filing
     * takes several. {@code doFinal} leaves it reset under the same key, ready for the next.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    /** HMAC-SHA256 of the parts (each ended by a NUL) under the installation's secret. */
    public byte[] mac(String... parts) {
        Mac mac = macs.get();
        mac.reset();
        for (String part : parts) {
            mac.update(part.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
        }
        return mac.doFinal();
    }

    /**
     * A MAC of the caller's own that starts from the bytes already digested by {@code prefix} and then takes
     * {@code data}: a copy of the thread's keyed one.
     */
    public Mac macOver(String prefix) {
        Mac keyed = macs.get();
        keyed.reset();
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException(unavailable);
            }
        }
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac;
    }

    private byte[] secret() {
        byte[] s = secret;
        if (s == null) {
            byte[] material = keyMaterial();
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(LABEL.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                s = mac.doFinal(material);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            secret = s;
        }
        return s;
    }

    private byte[] keyMaterial() {
        if (signKey.isPresent()) {
            return signKey.get().getBytes(StandardCharsets.UTF_8);
        }
        if (signKeyLocation.isPresent()) {
            try {
                return Files.readAllBytes(Path.of(signKeyLocation.get()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the token signing key at " + signKeyLocation.get()
                        + ", from which idempotency records are keyed", e);
            }
        }
        throw new IllegalStateException("no token signing key is configured (smallrye.jwt.sign.key.location); "
                + "idempotency records are keyed with it");
    }
}
