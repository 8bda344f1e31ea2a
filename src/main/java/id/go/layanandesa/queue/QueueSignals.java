package id.go.layanandesa.queue;

import id.go.layanandesa.request.RequestChange;
import id.go.layanandesa.request.RequestChangesCommitting;
import id.go.layanandesa.request.RequestEvent;
import id.go.layanandesa.request.RequestStatus;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Marks the queues a change touched, in the transaction that makes it: each queue's version (what its ETag is
 * made of) goes up, and when the change brings claimable work, PostgreSQL notifies every instance on commit
 * so that waiting claims wake.
 */
@ApplicationScoped
public class QueueSignals {

    public static final String CHANNEL = "layanan_queue";

    /**
     * Moves the versions of the queues and answers the new ones. On commit every instance is notified of each
     * (payload {@code opd:version:work}, work 1 for the queues woken, whose waiting claims look again).
     */
    private static final String BUMP = """
            with bumped as (
                insert into opd_queue_state as q (opd_id, version, changed_at)
                select o, 1, ? from unnest(?) o order by o
                on conflict (opd_id) do update set version = q.version + 1, changed_at = excluded.changed_at
                returning opd_id, version)
            select opd_id, version, pg_notify('%s', opd_id || ':' || version || ':' || (case when opd_id = any(?) then 1 else 0 end))
              from bumped""".formatted(CHANNEL);

    @Inject
    Clock clock;

    @Inject
    QueueVersions versions;

    void changed(@Observes @Priority(RequestChangesCommitting.QUEUE) RequestChangesCommitting changes) {
        List<Long> touched = changes.changes().stream()
                .flatMap(c -> Stream.of(c.fromOpdId(), c.toOpdId()))
                .filter(Objects::nonNull).distinct().sorted().toList();
        List<Long> woken = changes.changes().stream()
                .filter(QueueSignals::bringsWork)
                .map(RequestChange::toOpdId).filter(Objects::nonNull).distinct().sorted().toList();
        Map<Long, Long> moved = new HashMap<>();
        if (!touched.isEmpty()) {
            changes.execute(new RequestChangesCommitting.Statement(BUMP, (c, p, i) -> {
                p.setTimestamp(i, Timestamp.from(clock.instant()));
                p.setArray(i + 1, c.createArrayOf("bigint", touched.toArray()));
                p.setArray(i + 2, c.createArrayOf("bigint", woken.toArray()));
                return i + 3;
            }, rows -> {
                while (rows.next()) {
                    moved.put(rows.getLong(1), rows.getLong(2));
                }
            }, "move the version of queues " + touched));
        }
        // this instance knows the new versions as soon as they are committed, before any answer leaves it
        changes.afterCommit(() -> moved.forEach(versions::advance));
    }

    /** A request that is (again) SUBMITTED in a queue can be claimed there: waiting claims should look. */
    private static boolean bringsWork(RequestChange c) {
        return c.toStatus() == RequestStatus.SUBMITTED && c.type() != RequestEvent.EventType.CLAIMED
                && c.type() != RequestEvent.EventType.FLAGGED;
    }
}
