package id.go.layanandesa.account;

import id.go.layanandesa.common.DatabaseNotifications;
import id.go.layanandesa.common.TransactionSql;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Capability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Describes the caller; names come from the database when it knows them (an external token may name unknown codes).
 * Every client asks this on each start and page, so the names are read in one statement and then kept in memory, per
 * account and scope, while this instance hears the database's notifications: every statement that changes or removes
 * an account's, region's or OPD's name notifies every instance when it commits (trigger of V131), and each drops what it
 * kept. A renamed OPD or desa shows its new name as soon as the notification has arrived, a few milliseconds after the
 * commit, on the instance that renamed it too.
 */
@ApplicationScoped
public class MeService implements DatabaseNotifications.ForgetfulSubscriber {

    static final String CHANNEL = "layanan_names";
    /** More scopes than any installation's accounts have; past it the memory starts again. */
    private static final int KEPT = 20_000;

    private static final String NAMES = """
            select (select a.display_name from account a where a.id = ? and a.kabupaten_code is not distinct from ?),
                   (select r.name from region r where r.code = ?),
                   (select r.name from region r where r.code = ?),
                   (select o.name from opd o where o.id = ? and o.kabupaten_code = ?)""";

    private record Scope(Long accountId, String kabupatenCode, String desaCode, Long opdId) {
    }

    /** The names the database knows; null where it knows none. */
    private record Names(String display, String kabupaten, String desa, String opd) {
    }

    @Inject
    TransactionSql sql;

    @Inject
    DatabaseNotifications notifications;

    private final ConcurrentHashMap<Scope, Names> kept = new ConcurrentHashMap<>();
    /** Moves at every invalidation: a read that overlapped one is not kept, since it may predate the change. */
    private final AtomicLong generation = new AtomicLong();

    public AuthResource.MeView describe(Caller caller) {
        String name = caller.displayName();
        String kabupatenName = null;
        String desaName = null;
        String opdName = null;
        if (caller.accountId() != null || caller.kabupatenCode() != null) {
            Names names = names(new Scope(caller.accountId(), caller.kabupatenCode(), caller.desaCode(), caller.opdId()));
            if (names.display() != null) {
                name = names.display();
            }
            kabupatenName = names.kabupaten();
            desaName = names.desa();
            opdName = names.opd();
        }
        return new AuthResource.MeView(caller.apiKeyId() != null ? "SYSTEM" : "PERSON", caller.role(), name,
                caller.accountId(), caller.apiKeyId(), caller.kabupatenCode(), kabupatenName,
                caller.desaCode(), desaName, caller.opdId(), opdName,
                caller.passwordChangeRequired() ? java.util.List.of() : Capability.of(caller.role()), caller.passwordChangeRequired());
    }

    private Names names(Scope scope) {
        boolean listening = notifications.isListening();
        Names names = listening ? kept.get(scope) : null;
        if (names != null) {
            return names;
        }
        long seen = generation.get();
        names = read(scope);
        if (listening) {
            if (kept.size() >= KEPT) {
                kept.clear();
            }
            kept.put(scope, names);
            // an invalidation that ran meanwhile may have come before the put: then what was read may be stale
            if (generation.get() != seen) {
                kept.remove(scope, names);
            }
        }
        return names;
    }

    private Names read(Scope scope) {
        return sql.first(NAMES, row -> new Names(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                scope.accountId(), scope.kabupatenCode(), scope.kabupatenCode(), scope.desaCode(), scope.opdId(),
                scope.kabupatenCode()).orElseThrow();
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void forget() {
        generation.incrementAndGet();
        kept.clear();
    }
}
