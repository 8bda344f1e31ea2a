package id.go.layanandesa.common.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens whose signature and claims have been verified, so that the next call with the same token skips the
 * signature check and the parsing of its claims. A token is found by the SHA-256 of its whole text, signature
 * included: a token changed in any character, or signed with another key, is another token and is verified afresh.
 * What is kept stands only until the token's own expiry, and never more than a bounded number of tokens are kept.
 *
 * <p>Only what the token itself says is kept: whether its session still stands, its account still enabled and its
 * scope still held is checked on every call ({@link IdentityCheck}), so logout, a new password or disabling end a
 * token at once whether it is kept here or not.
 *
 * @param <T> what a verified token gives
 */
final class TokenCache<T> {

    private record Entry<T>(T value, Instant expiresAt) {
    }

    private final ConcurrentHashMap<ByteBuffer, Entry<T>> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    TokenCache(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The key a token is kept under: the SHA-256 of its text. */
    static ByteBuffer key(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the token gave when it was verified, while it has not expired; null otherwise. */
    T get(ByteBuffer key) {
        Entry<T> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.expiresAt())) {
            entries.remove(key, e);
            return null;
        }
        return e.value();
    }

    /**
     * Keeps what a token that has just been verified gives, until {@code expiresAt}. A token without an expiry, or one
     * already past it, is not kept. When the cache is full, expired tokens go first, then arbitrary others.
     */
    void put(ByteBuffer key, T value, Instant expiresAt) {
        if (expiresAt == null || !clock.instant().isBefore(expiresAt)) {
            return;
        }
        if (entries.size() >= capacity && !entries.containsKey(key)) {
            makeRoom();
        }
        entries.put(key, new Entry<>(value, expiresAt));
    }

    /** How many tokens are kept now. */
    int size() {
        return entries.size();
    }

    /** Forgets every token: each is verified afresh at its next use. */
    void clear() {
        entries.clear();
    }

    private void makeRoom() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
        // still full: drop a tenth of what is kept (at least one), whichever comes first; those are verified again
        int excess = entries.size() - capacity + 1;
        if (excess > 0) {
            int drop = Math.max(excess, capacity / 10);
            Iterator<ByteBuffer> it = entries.keySet().iterator();
            while (drop-- > 0 && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }
}
