package id.go.layanandesa.request;

import id.go.layanandesa.holiday.WorkingDays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** Pages of requests as lists show them (NIK masked, overdue in the kabupaten's calendar). */
@ApplicationScoped
public class RequestQueries {

    @Inject
    RequestStore store;

    @Inject
    WorkingDays workingDays;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public RequestViews.RequestPage list(RequestStore.Filter filter, RequestStore.Sort sort, String cursor, int limit) {
        Instant now = clock.instant();
        LocalDate today = workingDays.localDate(filter.kabupatenCode, now);
        RequestStore.Page page = store.list(filter, sort, cursor, limit, today);
        return new RequestViews.RequestPage(page.rows().stream().map(row -> summary(row, today, now)).toList(), page.next());
    }

    private static RequestViews.RequestSummary summary(RequestStore.Row row, LocalDate today, Instant now) {
        boolean held = row.leaseUntil() != null && row.leaseUntil().isAfter(now);
        return new RequestViews.RequestSummary(row.id(), row.trackingCode(),
                new RequestViews.ServiceTypeRef(row.serviceTypeId(), row.serviceTypeCode(), row.serviceTypeName(), row.serviceTypeVersion()),
                row.status(), NikRules.mask(row.citizenNik()), row.citizenName(), row.desaCode(),
                new RequestViews.OpdRef(row.opdId(), row.opdCode(), row.opdName()),
                row.filedAt(), row.dueDate(), row.status().isOverdue(row.dueDate(), today), row.needsAttention(),
                row.assignedTo(), row.assignedToName(), held ? row.claimedBy() : null, held ? row.leaseUntil() : null, row.updatedAt(),
                row.version());
    }
}
