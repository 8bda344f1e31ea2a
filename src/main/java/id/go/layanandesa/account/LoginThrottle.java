package id.go.layanandesa.account;

import id.go.layanandesa.common.DatabaseNotifications;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps password guessing slow without letting a stranger lock anyone out. Three counts, each per instance:
 * <ul>
 * <li>per username and client address: after {@code failures-before-delay} failures in a row each further attempt
 *   waits, 1 s, 2 s, 4 s ... up to {@code max-delay}. Only that address waits: the owner elsewhere is not held up.</li>
 * <li>per client address, over all usernames: {@code address-failures} per {@code address-window}, so one address
 *   cannot try a password on every account.</li>
 * <li>per username, over all addresses it never logged in from: {@code username-failures} per
 *   {@code username-window}, so many addresses cannot share the guessing of one account. An address the account
 *   logged in from before is not held up by it.</li>
 * </ul>
 * Known and unknown usernames are counted alike, so the answers tell nothing about which exist. An attempt over a
 * limit is answered 429 with Retry-After before any password is checked. Usernames are kept only as hashes.
 */
@ApplicationScoped
public class LoginThrottle implements DatabaseNotifications.Subscriber {

    static final long FIRST_DELAY_MILLIS = 1000;
    /** Failures of a username and address are forgotten this long after the last one. */
    static final long FORGET_MILLIS = 3_600_000;
    /** Addresses an account logged in from, remembered per username. */
    static final int KNOWN_ADDRESSES = 8;
    static final long KNOWN_FOR_MILLIS = 30L * 24 * 3_600_000;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    /** Failures in a row of one username from one address, and attempts of the pair in flight. */
    private static final class Pair {
        int failures;
        int pending;
        long lastFailure;
        long nextAllowed;
    }

    /** A token bucket: {@code capacity} tokens that come back evenly over {@code window}. */
    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double capacity, long now) {
            tokens = capacity;
            updated = now;
        }

        void refill(long now, double capacity, long windowMillis) {
            tokens = Math.min(capacity, tokens + (now - updated) * capacity / windowMillis);
            updated = now;
        }
    }

    private final ConcurrentHashMap<String, Pair> pairs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> addresses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> usernames = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Map<String, Long>> known = new ConcurrentHashMap<>();

    void warnOfOldSettings(@Observes StartupEvent event) {
        var settings = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        for (String old : java.util.List.of("layanan.auth.max-failed-logins", "layanan.auth.lock-duration")) {
            if (settings.getOptionalValue(old, String.class).isPresent()) {
                org.jboss.logging.Logger.getLogger(LoginThrottle.class).warnf(
                        "%s is no longer read: failed logins make one username and address wait (layanan.auth.throttle.*)", old);
            }
        }
    }

    /** One admitted attempt: say how it ended exactly once. */
    public final class Attempt {
        private final String user;
        private final String client;
        private final boolean tookUsernameToken;
        private boolean done;

        private Attempt(String user, String client, boolean tookUsernameToken) {
            this.user = user;
            this.client = client;
            this.tookUsernameToken = tookUsernameToken;
        }

        /** The password was right: the pair starts afresh, the address is remembered, nothing is counted. */
        public void succeeded() {
            if (finish()) {
                long now = clock.millis();
                pairs.remove(pairKey(user, client));
                giveBack(addresses, client, now, config.auth().throttle().addressFailures(), window(true));
                if (tookUsernameToken) {
                    giveBack(usernames, user, now, config.auth().throttle().usernameFailures(), window(false));
                }
                known.compute(user, (k, m) -> {
                    Map<String, Long> addresses = m != null ? m : new LinkedHashMap<>(16, 0.75f, true);
                    synchronized (addresses) {
                        addresses.put(client, now);
                        while (addresses.size() > KNOWN_ADDRESSES) {
                            addresses.remove(addresses.keySet().iterator().next());
                        }
                    }
                    return addresses;
                });
            }
        }

        /**
         * The password was wrong (or the account may not log in): the failure counts everywhere. True when it was
         * the one after which this username and address begin to wait.
         */
        public boolean failed() {
            boolean[] began = {false};
            if (finish()) {
                long now = clock.millis();
                int free = config.auth().throttle().failuresBeforeDelay();
                long max = config.auth().throttle().maxDelay().toMillis();
                pairs.compute(pairKey(user, client), (k, p) -> {
                    Pair pair = p != null ? p : new Pair();
                    pair.pending = Math.max(0, pair.pending - 1);
                    pair.failures++;
                    pair.lastFailure = now;
                    if (pair.failures >= free) {
                        int doublings = Math.min(pair.failures - free, 30);
                        pair.nextAllowed = now + Math.min(max, FIRST_DELAY_MILLIS << doublings);
                        began[0] = pair.failures == free;
                    }
                    return pair;
                });
            }
            return began[0];
        }

        /** Nothing was decided (the check could not run): as if the attempt had not been made. */
        public void abandoned() {
            if (finish()) {
                long now = clock.millis();
                releasePending(user, client);
                giveBack(addresses, client, now, config.auth().throttle().addressFailures(), window(true));
                if (tookUsernameToken) {
                    giveBack(usernames, user, now, config.auth().throttle().usernameFailures(), window(false));
                }
            }
        }

        private synchronized boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            return true;
        }
    }

    /**
     * Admits one login attempt of {@code username} from the client with this limit key, or refuses it with 429 and
     * Retry-After. An admitted attempt holds its share of the limits until it is reported.
     */
    public Attempt admit(String username, String clientKey) {
        String user = usernameKey(username);
        long now = clock.millis();
        LayananConfig.Auth.Throttle limits = config.auth().throttle();
        int free = limits.failuresBeforeDelay();
        long[] wait = {0};
        pairs.compute(pairKey(user, clientKey), (k, p) -> {
            Pair pair = p != null ? p : new Pair();
            if (now < pair.nextAllowed) {
                wait[0] = pair.nextAllowed - now;
            } else if (pair.pending > 0 && pair.failures + pair.pending >= free) {
                // the attempts in flight may end in a delay: this one waits for their outcome
                wait[0] = FIRST_DELAY_MILLIS;
            } else {
                pair.pending++;
            }
            return pair.failures == 0 && pair.pending == 0 ? null : pair;
        });
        if (wait[0] > 0) {
            throw tooMany(wait[0], "too many failed logins for this username from this address");
        }
        long addressWait = take(addresses, clientKey, now, limits.addressFailures(), window(true));
        if (addressWait > 0) {
            releasePending(user, clientKey);
            throw tooMany(addressWait, "too many failed logins from this address");
        }
        boolean knownAddress = isKnown(user, clientKey, now);
        if (!knownAddress) {
            long userWait = take(usernames, user, now, limits.usernameFailures(), window(false));
            if (userWait > 0) {
                releasePending(user, clientKey);
                giveBack(addresses, clientKey, now, limits.addressFailures(), window(true));
                throw tooMany(userWait, "too many failed logins for this username");
            }
        }
        return new Attempt(user, clientKey, !knownAddress);
    }

    private void releasePending(String user, String client) {
        pairs.computeIfPresent(pairKey(user, client), (k, p) -> {
            p.pending = Math.max(0, p.pending - 1);
            return p.failures == 0 && p.pending == 0 ? null : p;
        });
    }

    private boolean isKnown(String user, String client, long now) {
        Map<String, Long> addresses = known.get(user);
        if (addresses == null) {
            return false;
        }
        synchronized (addresses) {
            Long last = addresses.get(client);
            return last != null && now - last < KNOWN_FOR_MILLIS;
        }
    }

    /** Lifts the waits of one username on every instance (an admin unlocked the account or set a new password). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void liftEverywhere(String username) {
        String user = usernameKey(username);
        em.createNativeQuery("select pg_notify(:channel, :payload)")
                .setParameter("channel", Sessions.CHANNEL)
                .setParameter("payload", "u:" + user)
                .getSingleResult();
        lift(user);
    }

    private void lift(String user) {
        for (String key : pairs.keySet()) {
            if (key.startsWith(user + "|")) {
                // attempts in flight keep their place; only the failures and the wait go
                pairs.computeIfPresent(key, (k, p) -> {
                    p.failures = 0;
                    p.nextAllowed = 0;
                    return p.pending == 0 ? null : p;
                });
            }
        }
        usernames.remove(user);
    }

    @Override
    public String channel() {
        return Sessions.CHANNEL;
    }

    @Override
    public void notified(String payload) {
        if (payload.startsWith("u:")) {
            lift(payload.substring(2));
        }
    }

    @Override
    public void resumed() {
        // waits are this instance's own; nothing was kept from others
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forget() {
        long now = clock.millis();
        LayananConfig.Auth.Throttle limits = config.auth().throttle();
        for (String key : pairs.keySet()) {
            pairs.computeIfPresent(key, (k, p) -> p.pending == 0 && now >= p.nextAllowed && now - p.lastFailure > FORGET_MILLIS ? null : p);
        }
        forgetFull(addresses, now, limits.addressFailures(), window(true));
        forgetFull(usernames, now, limits.usernameFailures(), window(false));
        known.values().removeIf(m -> {
            synchronized (m) {
                m.values().removeIf(last -> now - last >= KNOWN_FOR_MILLIS);
                return m.isEmpty();
            }
        });
    }

    private static void forgetFull(ConcurrentHashMap<String, Bucket> buckets, long now, int capacity, long window) {
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, b) -> {
                b.refill(now, capacity, window);
                return b.tokens >= capacity ? null : b;
            });
        }
    }

    /** Takes a token; 0 when there was one, else how long until there is. */
    private static long take(ConcurrentHashMap<String, Bucket> buckets, String key, long now, int capacity, long window) {
        long[] wait = {0};
        buckets.compute(key, (k, b) -> {
            Bucket bucket = b != null ? b : new Bucket(capacity, now);
            bucket.refill(now, capacity, window);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
            } else {
                wait[0] = Math.max(1, (long) Math.ceil((1 - bucket.tokens) * window / capacity));
            }
            return bucket;
        });
        return wait[0];
    }

    private static void giveBack(ConcurrentHashMap<String, Bucket> buckets, String key, long now, int capacity, long window) {
        buckets.computeIfPresent(key, (k, b) -> {
            b.refill(now, capacity, window);
            b.tokens = Math.min(capacity, b.tokens + 1);
            return b;
        });
    }

    private long window(boolean address) {
        LayananConfig.Auth.Throttle limits = config.auth().throttle();
        return (address ? limits.addressWindow() : limits.usernameWindow()).toMillis();
    }

    private static ProblemException tooMany(long waitMillis, String why) {
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return new ProblemException(429, "RATE_LIMITED", "Too many requests", why + "; retry after " + seconds + " s",
                null, null, null, Map.of("Retry-After", Long.toString(seconds)));
    }

    private static String pairKey(String user, String client) {
        return user + "|" + client;
    }

    /** A username as the throttle keeps it: a hash of its normal form (a password typed as a username is not kept). */
    static String usernameKey(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(username.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
