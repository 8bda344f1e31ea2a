package id.go.layanandesa.common.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an {@link Idempotent} resource method in a transaction that also claims and stores its
 * Idempotency-Key (the services it calls join that transaction), so that the work and its stored answer
 * commit together or not at all.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    HttpServerRequest request;

    @Inject
    ObjectMapper mapper;

    @Inject
    ReplayMarker marker;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        String key = request.getHeader(Idempotency.HEADER);
        if (key == null) {
            return ctx.proceed();
        }
        Idempotency.checkKey(key);
        String principal = caller.principalKey();
        List<Object> call = new ArrayList<>();
        call.add(request.path());
        for (Object arg : ctx.getParameters()) {
            if (arg == null || arg instanceof Record || arg instanceof String || arg instanceof Number || arg instanceof Boolean
                    || arg instanceof Map<?, ?> || arg instanceof List<?>) {
                call.add(arg);
            }
        }
        String fingerprint = idempotency.fingerprint(ctx.getMethod().getDeclaringClass().getSimpleName() + "." + ctx.getMethod().getName(), call);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<Idempotency.Reply> replay = idempotency.begin(principal, key, fingerprint);
                if (replay.isPresent()) {
                    marker.markReplayed();
                    return asReturnValue(ctx, replay.get());
                }
                Object result = ctx.proceed();
                store(principal, key, fingerprint, result);
                return result;
            });
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void store(String principal, String key, String fingerprint, Object result) {
        if (result instanceof Response response) {
            if (response.getStatus() >= 300) {
                return;
            }
            String location = response.getLocation() == null ? null : response.getLocation().getPath();
            idempotency.complete(principal, key, fingerprint, response.getStatus(), response.getEntity(), location);
        } else if (result instanceof org.jboss.resteasy.reactive.RestResponse<?> rest) {
            if (rest.getStatus() >= 300) {
                return;
            }
            String location = rest.getLocation() == null ? null : rest.getLocation().getPath();
            idempotency.complete(principal, key, fingerprint, rest.getStatus(), rest.getEntity(), location);
        } else {
            idempotency.complete(principal, key, fingerprint, result == null ? 204 : 200, result, null);
        }
    }

    private Object asReturnValue(InvocationContext ctx, Idempotency.Reply reply) throws Exception {
        Class<?> type = ctx.getMethod().getReturnType();
        java.net.URI location = reply.location() == null ? null : java.net.URI.create(reply.location());
        String entity = reply.status() == 204 ? null : reply.body();
        if (type == Response.class) {
            return Response.status(reply.status()).type("application/json").entity(entity).location(location).build();
        }
        if (type == org.jboss.resteasy.reactive.RestResponse.class) {
            Object value = null;
            if (entity != null && ctx.getMethod().getGenericReturnType() instanceof java.lang.reflect.ParameterizedType generic) {
                value = mapper.readValue(entity, mapper.getTypeFactory().constructType(generic.getActualTypeArguments()[0]));
            }
            return org.jboss.resteasy.reactive.RestResponse.ResponseBuilder
                    .create(org.jboss.resteasy.reactive.RestResponse.Status.fromStatusCode(reply.status()), value)
                    .location(location).build();
        }
        if (type == void.class) {
            return null;
        }
        return mapper.readValue(reply.body(), mapper.getTypeFactory().constructType(ctx.getMethod().getGenericReturnType()));
    }
}
