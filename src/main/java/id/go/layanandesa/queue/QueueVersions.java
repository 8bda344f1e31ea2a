package id.go.layanandesa.queue;

import id.go.layanandesa.common.DatabaseNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Each queue's version as this instance last knew it, so that an unchanged queue answers 304 without asking the
 * database. A change this instance commits moves it at once, after the commit; a change another instance commits
 * moves it when that instance's notification arrives (milliseconds). While notifications are not heard, nothing
 * here is trusted and the database is asked.
 */
@ApplicationScoped
public class QueueVersions {

    private final ConcurrentHashMap<Long, Long> known = new ConcurrentHashMap<>();

    @Inject
    DatabaseNotifications notifications;

    @Inject
    QueueStore store;

    /** The queue's version: from memory when it can be trusted, else from the database (and remembered). */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.SUPPORTS)
    public long current(long opdId) {
        if (!notifications.isListening()) {
            return store.version(opdId);
        }
        Long version = known.get(opdId);
        if (version != null) {
            return version;
        }
        long read = store.version(opdId);
        advance(opdId, read);
        return known.get(opdId);
    }

    /** The queue has reached {@code version}; versions only grow, so an older one arriving late changes nothing. */
    public void advance(long opdId, long version) {
        known.merge(opdId, version, Math::max);
    }

    void forgetAll() {
        known.clear();
    }
}
