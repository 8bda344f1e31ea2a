package id.go.layanandesa.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the audit entry of an {@link Audited} change in the change's own transaction. It runs inside the
 * idempotency interceptor (a replayed answer changes nothing and is not recorded again) and outside the services'
 * transactions, which join the one it begins or joins.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 150)
public class AuditedInterceptor {

    @Inject
    AuditTrail trail;

    @Inject
    AuditOrigin origin;

    @Inject
    AuditNote note;

    @Inject
    Clock clock;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        Audited audited = AuditedOperations.binding(ctx.getMethod(), Audited.class);
        String action = AuditedOperations.action(ctx.getMethod());
        AuditRecord.Who who = origin.who();
        AuditRecord.Where where = origin.where();
        try {
            return QuarkusTransaction.joiningExisting().call(() -> {
                Object result = ctx.proceed();
                if (note.isChangedNothing()) {
                    return result;
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                List<String> fields = AuditedOperations.fieldsSent(ctx.getMethod(), ctx.getParameters());
                if (!fields.isEmpty()) {
                    detail.put("fields", fields);
                }
                detail.putAll(note.detail());
                String target = note.targetId() != null ? note.targetId() : AuditedOperations.targetId(ctx.getMethod(), ctx.getParameters(), result);
                trail.write(new AuditRecord(clock.instant().truncatedTo(ChronoUnit.MICROS), who, where, action,
                        audited.target().isEmpty() ? null : audited.target(), target, note.requests(), detail));
                return result;
            });
        } catch (QuarkusTransactionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
