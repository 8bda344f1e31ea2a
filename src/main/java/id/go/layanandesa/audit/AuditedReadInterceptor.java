package id.go.layanandesa.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Records an {@link AuditedRead}: when the answer shows personal data, one entry naming the operation and every request
 * it showed. Who and from where are taken as the call begins; the entry goes to {@link AuditReads}. An answer without
 * a body (304) showed nothing and is not recorded.
 */
@AuditedRead
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 150)
public class AuditedReadInterceptor {

    @Inject
    AuditReads reads;

    @Inject
    AuditOrigin origin;

    @Inject
    Clock clock;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        if (!reads.enabled()) {
            return ctx.proceed();
        }
        String action = AuditedOperations.action(ctx.getMethod());
        Long named = AuditedOperations.requestNamed(ctx.getMethod(),
                AuditedOperations.binding(ctx.getMethod(), AuditedRead.class).request(), ctx.getParameters());
        AuditRecord.Who who = origin.who();
        AuditRecord.Where where = origin.where();
        Object result = ctx.proceed();
        if (result instanceof Uni<?> uni) {
            return uni.invoke(item -> record(action, who, where, item, named));
        }
        record(action, who, where, result, named);
        return result;
    }

    private void record(String action, AuditRecord.Who who, AuditRecord.Where where, Object result, Long named) {
        List<Long> ids;
        if (AuditedOperations.entityOf(result) instanceof ShowsPersonalData shown) {
            ids = shown.requestsShown();
        } else if (named != null && AuditedOperations.hasBody(result)) {
            ids = List.of(named);
        } else {
            return;
        }
        if (ids.isEmpty()) {
            return;
        }
        reads.record(new AuditRecord(clock.instant().truncatedTo(ChronoUnit.MICROS), who, where, action, "REQUEST",
                ids.size() == 1 ? ids.get(0).toString() : null, ids, Map.of()));
    }
}
