package id.go.layanandesa.audit;

import id.go.layanandesa.common.ClientAddress;
import id.go.layanandesa.common.RequestIds;
import id.go.layanandesa.common.security.Caller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who the current API caller is and where the call came from, as the audit trail records them. */
@ApplicationScoped
public class AuditOrigin {

    @Inject
    Caller caller;

    @Inject
    CurrentVertxRequest current;

    @Inject
    ClientAddress addresses;

    public AuditRecord.Who who() {
        AuditRecord.ActorKind kind = switch (caller.kind()) {
            case SESSION -> AuditRecord.ActorKind.SESSION;
            case EXTERNAL -> AuditRecord.ActorKind.EXTERNAL;
            case API_KEY -> AuditRecord.ActorKind.API_KEY;
        };
        return new AuditRecord.Who(kind, caller.principalKey(), caller.displayName(), caller.role().name(), caller.kabupatenCode());
    }

    public AuditRecord.Where where() {
        RoutingContext ctx = current.getCurrent();
        if (ctx == null) {
            return AuditRecord.Where.NOWHERE;
        }
        return new AuditRecord.Where(addresses.of(ctx.request()).address(), RequestIds.own(ctx), RequestIds.client(ctx));
    }
}
