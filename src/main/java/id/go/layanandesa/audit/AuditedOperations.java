package id.go.layanandesa.audit;

import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the audit interceptors read off a resource method, its arguments and its answer. */
final class AuditedOperations {

    private AuditedOperations() {
    }

    static <A extends Annotation> A binding(Method method, Class<A> type) {
        A a = method.getAnnotation(type);
        return a != null ? a : method.getDeclaringClass().getAnnotation(type);
    }

    /** The operation's operationId, as the spec and the trail name it. */
    static String action(Method method) {
        Operation operation = method.getAnnotation(Operation.class);
        return operation != null && !operation.operationId().isEmpty() ? operation.operationId() : method.getName();
    }

    /** The entity of an answer: the body of a Response or RestResponse, or the value itself. */
    static Object entityOf(Object result) {
        if (result instanceof RestResponse<?> rest) {
            return rest.getEntity();
        }
        if (result instanceof Response response) {
            return response.getEntity();
        }
        return result;
    }

    /** The request the path parameter {@code name} names, as a number; null without one. */
    static Long requestNamed(Method method, String name, Object[] arguments) {
        if (name.isEmpty()) {
            return null;
        }
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            jakarta.ws.rs.PathParam jaxrs = parameters[i].getAnnotation(jakarta.ws.rs.PathParam.class);
            org.jboss.resteasy.reactive.RestPath rest = parameters[i].getAnnotation(org.jboss.resteasy.reactive.RestPath.class);
            String param = jaxrs != null ? jaxrs.value() : rest != null ? (rest.value().isEmpty() ? parameters[i].getName() : rest.value()) : null;
            if (name.equals(param) && arguments[i] instanceof Number n) {
                return n.longValue();
            }
        }
        throw new IllegalStateException(method + " names no numeric path parameter " + name);
    }

    /** Whether an answer carries a body: a value, or a Response with one (200, 206; not a 304 or a 204). */
    static boolean hasBody(Object result) {
        if (result instanceof RestResponse<?> rest) {
            return rest.hasEntity() && rest.getStatus() < 300;
        }
        if (result instanceof Response response) {
            return response.hasEntity() && response.getStatus() < 300;
        }
        return result != null;
    }

    /**
     * The id of what was changed: what the answer's Location names (a thing created), else the path's first
     * parameter, else the answer's {@code id}.
     */
    static String targetId(Method method, Object[] arguments, Object result) {
        URI location = result instanceof RestResponse<?> rest ? rest.getLocation()
                : result instanceof Response response ? response.getLocation() : null;
        if (location != null && location.getPath() != null) {
            String path = location.getPath().replaceAll("/+$", "");
            return path.substring(path.lastIndexOf('/') + 1);
        }
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if ((parameters[i].isAnnotationPresent(jakarta.ws.rs.PathParam.class)
                    || parameters[i].isAnnotationPresent(org.jboss.resteasy.reactive.RestPath.class)) && arguments[i] != null) {
                return arguments[i].toString();
            }
        }
        Object entity = entityOf(result);
        if (entity != null && entity.getClass().isRecord()) {
            for (RecordComponent c : entity.getClass().getRecordComponents()) {
                if (c.getName().equals("id")) {
                    try {
                        Object id = c.getAccessor().invoke(entity);
                        return id == null ? null : id.toString();
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** The names of the body's fields that were sent (not null), never their values. */
    static List<String> fieldsSent(Method method, Object[] arguments) {
        Parameter[] parameters = method.getParameters();
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            Object body = arguments[i];
            if (body == null || !isBody(parameters[i])) {
                continue;
            }
            if (body.getClass().isRecord()) {
                for (RecordComponent c : body.getClass().getRecordComponents()) {
                    try {
                        if (c.getAccessor().invoke(body) != null) {
                            fields.add(c.getName());
                        }
                    } catch (ReflectiveOperationException e) {
                        // not readable: not named
                    }
                }
            } else if (body instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> fields.add(String.valueOf(k)));
            }
        }
        return fields;
    }

    /** A parameter with no JAX-RS annotation is the request's body. */
    private static boolean isBody(Parameter parameter) {
        for (Annotation a : parameter.getAnnotations()) {
            String pkg = a.annotationType().getPackageName();
            if (pkg.startsWith("jakarta.ws.rs") || pkg.startsWith("org.jboss.resteasy.reactive")) {
                return false;
            }
        }
        return true;
    }
}
