package id.go.layanandesa.common.security;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.*;

/** The rules of the verified-token cache: kept until the token's expiry and not a moment longer, by the token's whole text, bounded. */
class TokenCacheTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-30T01:00:00Z");

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();

    @Test
    void aTokenIsKeptUntilItsExpiryAndNotAfter() {
        TokenCache<String> cache = new TokenCache<>(10, clock);
        ByteBuffer key = TokenCache.key("header.payload.signature");
        cache.put(key, "verified", clock.now.plusSeconds(60));
        assertEquals("verified", cache.get(TokenCache.key("header.payload.signature")));
        clock.move(Duration.ofSeconds(59));
        assertEquals("verified", cache.get(key));
        clock.move(Duration.ofSeconds(1));
        assertNull(cache.get(key), "at its expiry a token is verified afresh");
        assertEquals(0, cache.size(), "an expired token is dropped when it is looked up");
    }

    @Test
    void aTokenWithoutExpiryOrAlreadyExpiredIsNotKept() {
        TokenCache<String> cache = new TokenCache<>(10, clock);
        cache.put(TokenCache.key("a.b.c"), "no expiry", null);
        cache.put(TokenCache.key("a.b.d"), "expired", clock.now.minusSeconds(1));
        cache.put(TokenCache.key("a.b.e"), "expiring now", clock.now);
        assertNull(cache.get(TokenCache.key("a.b.c")));
        assertNull(cache.get(TokenCache.key("a.b.d")));
        assertNull(cache.get(TokenCache.key("a.b.e")));
        assertEquals(0, cache.size());
    }

    @Test
    void aTokenChangedInAnyCharacterIsAnotherToken() {
        TokenCache<String> cache = new TokenCache<>(10, clock);
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        cache.put(TokenCache.key(token), "verified", clock.now.plusSeconds(60));
        assertNull(cache.get(TokenCache.key(token.substring(0, token.length() - 1) + "X")), "another signature");
        assertNull(cache.get(TokenCache.key(token.replace("eyJzdWIiOiJ4In0", "eyJzdWIiOiJ5In0"))), "other claims");
        assertNull(cache.get(TokenCache.key(token + "=")), "a longer text");
        assertEquals("verified", cache.get(TokenCache.key(token)));
    }

    @Test
    void theCacheNeverHoldsMoreThanItsCapacityAndDropsExpiredTokensFirst() {
        TokenCache<String> cache = new TokenCache<>(100, clock);
        for (int i = 0; i < 50; i++) {
            cache.put(TokenCache.key("short." + i), "short", clock.now.plusSeconds(10));
        }
        for (int i = 0; i < 50; i++) {
            cache.put(TokenCache.key("long." + i), "long", clock.now.plusSeconds(3600));
        }
        assertEquals(100, cache.size());
        clock.move(Duration.ofSeconds(10));
        cache.put(TokenCache.key("new"), "new", clock.now.plusSeconds(3600));
        assertEquals(51, cache.size(), "the 50 expired tokens made room");
        for (int i = 0; i < 50; i++) {
            assertEquals("long", cache.get(TokenCache.key("long." + i)), "a live token stays while expired ones make room");
        }
        for (int i = 0; i < 1000; i++) {
            cache.put(TokenCache.key("more." + i), "more", clock.now.plusSeconds(3600));
            assertTrue(cache.size() <= 100, "bounded: " + cache.size());
        }
        assertEquals("more", cache.get(TokenCache.key("more.999")), "the newest token is kept");
    }

    @Test
    void aTokenKeptAgainReplacesWhatWasKept() {
        TokenCache<String> cache = new TokenCache<>(1, clock);
        ByteBuffer key = TokenCache.key("a.b.c");
        cache.put(key, "first", clock.now.plusSeconds(60));
        cache.put(key, "second", clock.now.plusSeconds(60));
        assertEquals(1, cache.size());
        assertEquals("second", cache.get(key));
    }
}
