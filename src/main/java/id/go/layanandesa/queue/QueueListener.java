package id.go.layanandesa.queue;

import id.go.layanandesa.common.DatabaseNotifications;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hears every change of every queue, whichever instance made it (PostgreSQL notifications on the queue channel,
 * sent on commit): it keeps this instance's {@link QueueVersions} current, and wakes the claims that wait for
 * work when a change brings some. A waiting claim holds a future here, not a thread and not a pooled connection.
 */
@ApplicationScoped
public class QueueListener implements DatabaseNotifications.Subscriber {

    private final ConcurrentHashMap<Long, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

    @Inject
    DatabaseNotifications notifications;

    @Inject
    QueueVersions versions;

    @Override
    public String channel() {
        return QueueSignals.CHANNEL;
    }

    /** A payload is {@code opd:version:work}, work 1 when the change brought claimable work. */
    @Override
    public void notified(String payload) {
        String[] parts = payload.split(":");
        long opd = Long.parseLong(parts[0]);
        if (parts.length >= 2) {
            versions.advance(opd, Long.parseLong(parts[1]));
        }
        if (parts.length < 3 || "1".equals(parts[2])) {
            wake(opd);
        }
    }

    /** Changes made while the listener was away were not heard: every waiting claim looks again, no version is trusted. */
    @Override
    public void resumed() {
        versions.forgetAll();
        for (Long opd : waiters.keySet()) {
            wake(opd);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        waiters.values().forEach(set -> set.forEach(f -> f.complete(null)));
    }

    /** A future completed at the next change of {@code opdId}'s queue that brings work; drop it with {@link #forget}. */
    public CompletableFuture<Void> nextChange(long opdId) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiters.computeIfAbsent(opdId, k -> ConcurrentHashMap.newKeySet()).add(future);
        return future;
    }

    public void forget(long opdId, CompletableFuture<Void> future) {
        Set<CompletableFuture<Void>> set = waiters.get(opdId);
        if (set != null) {
            set.remove(future);
        }
    }

    /** Claims waiting now, over all OPDs. */
    public int waiting() {
        return waiters.values().stream().mapToInt(Set::size).sum();
    }

    public boolean isListening() {
        return notifications.isListening();
    }

    private void wake(long opdId) {
        Set<CompletableFuture<Void>> set = waiters.remove(opdId);
        if (set != null) {
            set.forEach(f -> f.complete(null));
        }
    }
}
