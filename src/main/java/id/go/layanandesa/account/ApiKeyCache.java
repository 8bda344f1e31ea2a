package id.go.layanandesa.account;

import id.go.layanandesa.common.DatabaseNotifications;
import id.go.layanandesa.common.LayananConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What this instance read about API keys, so that a machine client's every call (a poll every few seconds) does not
 * read its key again. Kept for {@code layanan.auth.session-cache}, and only while the database's notifications are
 * heard: a revocation notifies every instance in its transaction, and each forgets the key at once.
 */
@ApplicationScoped
public class ApiKeyCache implements DatabaseNotifications.ForgetfulSubscriber {

    static final String CHANNEL = "layanan_keys";

    private record Entry(ApiKeyService.KeyHolder holder, long readAt) {
    }

    private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();
    /** Moves at every invalidation: a read that overlapped one is not kept, since it may predate the revocation. */
    private final AtomicLong generation = new AtomicLong();

    @Inject
    DatabaseNotifications notifications;

    @Inject
    LayananConfig config;

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Override
    public String channel() {
        return CHANNEL;
    }

    /** The holder of the key with this hash: remembered, or read by {@code read} (null when unknown or revoked). */
    ApiKeyService.KeyHolder get(String hash, Supplier<ApiKeyService.KeyHolder> read) {
        if (!notifications.isListening()) {
            return read.get();
        }
        Entry e = byHash.get(hash);
        if (e != null && System.nanoTime() - e.readAt() < config.auth().sessionCache().toNanos()) {
            return e.holder();
        }
        long seen = generation.get();
        ApiKeyService.KeyHolder holder = read.get();
        if (holder != null && generation.get() == seen) {
            byHash.put(hash, new Entry(holder, System.nanoTime()));
        }
        return holder;
    }

    /**
     * In the transaction that revokes a key: on commit every instance forgets what it kept of keys — this one at once,
     * before the answer leaves it, the others when the notification arrives.
     */
    void revoked(long keyId) {
        em.createNativeQuery("select pg_notify('" + CHANNEL + "', cast(:id as text))").setParameter("id", keyId).getSingleResult();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before
            }

            @Override
            public void afterCompletion(int status) {
                forget();
            }
        });
    }

    void forgetHash(String hash) {
        byHash.remove(hash);
    }

    @Override
    public void forget() {
        generation.incrementAndGet();
        byHash.clear();
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropOld() {
        long ttl = config.auth().sessionCache().toNanos();
        long now = System.nanoTime();
        byHash.values().removeIf(e -> now - e.readAt() >= ttl);
    }
}
