package id.go.layanandesa.account;

import id.go.layanandesa.common.DatabaseNotifications;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.security.CallerIdentity;
import id.go.layanandesa.common.security.Role;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Login sessions and what every call needs to know about them: whether the session still stands and what its account
 * looks like now. Reads are kept in memory for {@code layanan.auth.session-cache}, but only while this instance hears
 * the database's notifications: whoever ends a session notifies every instance in the same transaction, and each
 * drops what it kept at once.
 */
@ApplicationScoped
public class Sessions implements DatabaseNotifications.Subscriber {

    private static final Logger LOG = Logger.getLogger(Sessions.class);
    static final String CHANNEL = "layanan_auth";

    public enum EndReason { LOGOUT, PASSWORD_SET, DISABLED }

    /** An account as a check sees it; for a session also whether the session still stands. */
    record State(long accountId, boolean live, Role role, String kabupatenCode, String desaCode, Long opdId,
                 boolean passwordChangeRequired, long readAt) {

        /** True when the caller's claims are exactly this account's. */
        boolean describes(CallerIdentity caller) {
            return Objects.equals(caller.accountId(), accountId) && caller.role() == role
                    && Objects.equals(kabupatenCode, caller.kabupatenCode()) && Objects.equals(desaCode, caller.desaCode())
                    && Objects.equals(opdId, caller.opdId());
        }
    }

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DatabaseNotifications notifications;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    private final ConcurrentHashMap<UUID, State> bySession = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, State> byAccount = new ConcurrentHashMap<>();
    /** Moves at every invalidation: a read that overlapped one is not kept, since it may predate the change. */
    private final AtomicLong generation = new AtomicLong();

    /** A new session of the account, in a transaction of its own; its id goes into the token. */
    public UUID open(long accountId, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into login_session (id, account_id, created_at, expires_at) values (:id, :account, :now, :expires)""")
                .setParameter("id", id)
                .setParameter("account", accountId)
                .setParameter("now", now)
                .setParameter("expires", expiresAt)
                .executeUpdate());
        return id;
    }

    /** Ends one session, in the caller's transaction; false when it had ended already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean end(UUID session, EndReason reason) {
        int ended = em.createNativeQuery("""
                        update login_session set ended_at = :now, end_reason = :reason where id = :id and ended_at is null""")
                .setParameter("id", session)
                .setParameter("now", clock.instant())
                .setParameter("reason", reason.name())
                .executeUpdate();
        if (ended > 0) {
            announce("s:" + session, () -> dropSession(session));
        }
        return ended > 0;
    }

    /** Ends every session of the account, in the caller's transaction, and tells every instance on commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int endAll(long accountId, EndReason reason) {
        return endAllBut(accountId, null, reason);
    }

    /**
     * Ends every session of the account but {@code keep} (the one that asked, e.g. to change its own password), in the
     * caller's transaction, and tells every instance on commit; the account's state is read afresh everywhere.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int endAllBut(long accountId, UUID keep, EndReason reason) {
        int ended = em.createNativeQuery("""
                        update login_session set ended_at = :now, end_reason = :reason
                         where account_id = :account and ended_at is null and id <> :keep""")
                .setParameter("keep", keep == null ? new UUID(0, 0) : keep)
                .setParameter("account", accountId)
                .setParameter("now", clock.instant())
                .setParameter("reason", reason.name())
                .executeUpdate();
        // the account itself changed too (disabled, new password): drop what is kept of it even without live sessions
        announce("a:" + accountId, () -> dropAccount(accountId));
        if (ended > 0) {
            LOG.infof("%d session(s) of account %d ended: %s", ended, accountId, reason);
        }
        return ended;
    }

    /** Notifies every instance when the transaction commits, and drops this instance's copy right after it. */
    private void announce(String payload, Runnable dropHere) {
        em.createNativeQuery("select pg_notify(:channel, :payload)")
                .setParameter("channel", CHANNEL)
                .setParameter("payload", payload)
                .getSingleResult();
        dropHere.run();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dropHere.run();
                }
            }
        });
    }

    /** The session with its account as it stands now, or null when there is no such session. */
    State session(UUID id) {
        State kept = fresh(bySession.get(id));
        if (kept != null) {
            return kept;
        }
        long seen = generation.get();
        State read = read("""
                select a.id, s.ended_at is null and a.enabled, a.role, a.kabupaten_code, a.desa_code, a.opd_id,
                       a.password_change_required
                from login_session s join account a on a.id = s.account_id where s.id = ?""", id);
        if (read != null) {
            keep(bySession, id, read, seen);
        }
        return read;
    }

    /** What {@link #session} would answer, when it can from memory; else null. Never blocks. */
    State sessionFromMemory(UUID id) {
        return fresh(bySession.get(id));
    }

    /** What {@link #account} would answer, when it can from memory; else null. Never blocks. */
    State accountFromMemory(long id) {
        return fresh(byAccount.get(id));
    }

    /** The account as it stands now (live means enabled), or null when there is none. */
    State account(long id) {
        State kept = fresh(byAccount.get(id));
        if (kept != null) {
            return kept;
        }
        long seen = generation.get();
        State read = read("select id, enabled, role, kabupaten_code, desa_code, opd_id, password_change_required from account where id = ?", id);
        if (read != null) {
            keep(byAccount, id, read, seen);
        }
        return read;
    }

    private State fresh(State s) {
        if (s == null || !notifications.isListening()) {
            return null;
        }
        return System.nanoTime() - s.readAt() < config.auth().sessionCache().toNanos() ? s : null;
    }

    private <K> void keep(ConcurrentHashMap<K, State> map, K key, State state, long seen) {
        if (!notifications.isListening()) {
            return;
        }
        map.put(key, state);
        // an invalidation that ran meanwhile may have come before the put: then what was read may be stale
        if (generation.get() != seen) {
            map.remove(key, state);
        }
    }

    private State read(String sql, Object key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, key);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long opd = rs.getLong(6);
                Long opdId = rs.wasNull() ? null : opd;
                return new State(rs.getLong(1), rs.getBoolean(2), Role.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                        opdId, rs.getBoolean(7), System.nanoTime());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the login session", e);
        }
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void notified(String payload) {
        if (payload.startsWith("s:")) {
            try {
                dropSession(UUID.fromString(payload.substring(2)));
            } catch (IllegalArgumentException e) {
                dropAll();
            }
        } else if (payload.startsWith("a:")) {
            try {
                dropAccount(Long.parseLong(payload.substring(2)));
            } catch (NumberFormatException e) {
                dropAll();
            }
        }
    }

    @Override
    public void resumed() {
        dropAll();
    }

    private void dropSession(UUID id) {
        generation.incrementAndGet();
        bySession.remove(id);
    }

    private void dropAccount(long accountId) {
        generation.incrementAndGet();
        byAccount.remove(accountId);
        bySession.values().removeIf(s -> s.accountId() == accountId);
    }

    private void dropAll() {
        generation.incrementAndGet();
        bySession.clear();
        byAccount.clear();
    }

    /** Sessions are kept a day past their expiry, then removed; what is kept in memory goes once it is stale. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpired() {
        int removed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "delete from login_session where expires_at < now() - interval '1 day'")
                .executeUpdate());
        if (removed > 0) {
            LOG.infof("%d expired login session(s) removed", removed);
        }
        long ttl = config.auth().sessionCache().toNanos();
        long now = System.nanoTime();
        bySession.values().removeIf(s -> now - s.readAt() >= ttl);
        byAccount.values().removeIf(s -> now - s.readAt() >= ttl);
    }
}
