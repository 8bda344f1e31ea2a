package id.go.layanandesa.common.idempotency;

import id.go.layanandesa.common.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes an {@link Idempotent} resource method honour the Idempotency-Key header: the method runs in a
 * transaction that also claims the key and stores the answer (the services it calls join it), so that the work
 * and its stored answer commit together or not at all. A replay answers the stored status, body, Location and
 * ETag, marked {@code Idempotent-Replayed: true}. Without the header the method runs as it is.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    @Inject
    IdempotentCalls calls;

    @Inject
    IdempotentOperations operations;

    @Inject
    Caller caller;

    @Inject
    HttpServerRequest request;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        String key = request.getHeader(IdempotentCalls.HEADER);
        if (key == null) {
            return ctx.proceed();
        }
        IdempotentCalls.checkKey(key);
        String principal = caller.principalKey();
        List<Object> arguments = new ArrayList<>();
        arguments.add(request.path());
        arguments.addAll(Arrays.asList(ctx.getParameters()));
        String fingerprint = calls.fingerprint(operations.nameOf(ctx.getMethod()), arguments);
        IdempotentCalls.Outcome outcome;
        Object[] result = new Object[1];
        try {
            outcome = QuarkusTransaction.requiringNew().call(() -> calls.execute(principal, key, fingerprint, () -> {
                try {
                    result[0] = ctx.proceed();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return answerOf(result[0]);
            }));
        } catch (QuarkusTransactionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (!outcome.replayed()) {
            return result[0];
        }
        return replay(ctx, outcome.replay());
    }

    private static IdempotentCalls.Answer answerOf(Object result) {
        if (result instanceof RestResponse<?> rest) {
            return new IdempotentCalls.Answer(rest.getStatus(), rest.getEntity(), pathOf(rest.getLocation()),
                    etagOf(rest.getHeaderString(HttpHeaders.ETAG), rest.getEntity()));
        }
        if (result instanceof Response response) {
            return new IdempotentCalls.Answer(response.getStatus(), response.getEntity(), pathOf(response.getLocation()),
                    etagOf(response.getHeaderString(HttpHeaders.ETAG), response.getEntity()));
        }
        return IdempotentCalls.Answer.of(result == null ? 204 : 200, result, null);
    }

    private static String etagOf(String header, Object entity) {
        return header != null ? header : id.go.layanandesa.common.http.ETags.ofBody(entity);
    }

    private static String pathOf(URI location) {
        return location == null ? null : location.getRawPath();
    }

    /** The stored answer again, as the type the method answers: a {@link RestResponse} or a {@link Response}. */
    private static Object replay(InvocationContext ctx, IdempotentCalls.Replay replay) {
        RestResponse.ResponseBuilder<Object> builder = RestResponse.ResponseBuilder.create(replay.status());
        if (replay.json() != null && !replay.json().isEmpty()) {
            builder.entity(replay.json()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (replay.location() != null) {
            builder.location(URI.create(replay.location()));
        }
        if (replay.etag() != null) {
            builder.header(HttpHeaders.ETAG, replay.etag());
        }
        RestResponse<Object> answer = builder.header(IdempotentCalls.REPLAYED, "true").build();
        return ctx.getMethod().getReturnType() == RestResponse.class ? answer : answer.toResponse();
    }
}
