package id.go.layanandesa.statistics;

import id.go.layanandesa.request.RequestChange;
import id.go.layanandesa.request.RequestChangesCommitting;
import id.go.layanandesa.request.RequestEvent.EventType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the statistics rollups (stat_cohort, stat_backlog of V80) in step with the requests, in the transaction that
 * changes them, just before it commits: the rows it moves are shared by every request of a group and day, so their
 * locks are held only through the commit. The arithmetic is the database's ({@code stat_refresh}), the same that
 * counted the requests filed before the rollups existed: each request counts what it is now, less what it counted
 * before, so a change counted twice or missed by a crash between two writes cannot happen.
 */
@ApplicationScoped
public class Rollups {

    /** Changes that never move what a request counts: claims and leases keep it SUBMITTED in the same queue. */
    private static final Set<EventType> UNCOUNTED = EnumSet.of(EventType.CLAIMED, EventType.RELEASED, EventType.LEASE_EXPIRED,
            EventType.FLAGGED, EventType.ACCEPTED);

    void changed(@Observes @Priority(RequestChangesCommitting.STATISTICS) RequestChangesCommitting changes) {
        List<Long> ids = changes.changes().stream().filter(c -> !UNCOUNTED.contains(c.type())).map(RequestChange::requestId)
                .distinct().sorted().toList();
        if (ids.isEmpty()) {
            return;
        }
        changes.execute(new RequestChangesCommitting.Statement("select stat_refresh(?)", (c, p, i) -> {
            p.setArray(i, c.createArrayOf("bigint", ids.toArray()));
            return i + 1;
        }, null, "count requests " + ids + " in the statistics"));
    }
}
