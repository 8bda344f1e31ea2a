package id.go.layanandesa.request;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * A version per desa that moves with every change of one of its requests, in the same transaction: what the
 * desa's list ETag is made of, so that an unchanged list answers 304 after one primary-key lookup.
 */
@ApplicationScoped
public class DesaListVersions {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    void changed(@Observes @Priority(RequestChangesCommitting.DESA) RequestChangesCommitting changes) {
        List<String> desas = changes.changes().stream().map(RequestChange::desaCode).distinct().sorted().toList();
        // one statement for all; sorted so that two transactions always lock the rows in the same order
        changes.execute(new RequestChangesCommitting.Statement("""
                insert into desa_request_state as s (desa_code, version, changed_at)
                select d, 1, ? from unnest(?) d order by d
                on conflict (desa_code) do update set version = s.version + 1, changed_at = excluded.changed_at""", (c, p, i) -> {
            p.setTimestamp(i, Timestamp.from(clock.instant()));
            p.setArray(i + 1, c.createArrayOf("varchar", desas.toArray()));
            return i + 2;
        }, null, "move the list version of desa " + desas));
    }

    public long version(String desaCode) {
        List<?> rows = em.createNativeQuery("select version from desa_request_state where desa_code = :d")
                .setParameter("d", desaCode).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }
}
