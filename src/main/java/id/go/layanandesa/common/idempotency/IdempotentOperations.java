package id.go.layanandesa.common.idempotency;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every {@link Idempotent} operation of the API, found once at start. The start fails when such a method takes
 * an argument that cannot be fingerprinted or answers in a way a replay cannot reproduce; the OpenAPI spec
 * declares the Idempotency-Key header on exactly these operations.
 */
@ApplicationScoped
public class IdempotentOperations {

    /** An idempotent operation: its HTTP method and path template, and the name its fingerprints use. */
    public record Operation(String httpMethod, String path, String name) {
    }

    private final Map<Method, String> names = new ConcurrentHashMap<>();
    private volatile List<Operation> operations;

    void check(@Observes StartupEvent event) {
        all();
    }

    /** The idempotent operations; throws IllegalStateException naming every method that breaks the rules. */
    public List<Operation> all() {
        List<Operation> ops = operations;
        if (ops == null) {
            ops = scan();
            operations = ops;
        }
        return ops;
    }

    /** The name of an idempotent method in fingerprints. */
    String nameOf(Method method) {
        return names.computeIfAbsent(method, IdempotentOperations::name);
    }

    private static String name(Method method) {
        Idempotent annotation = method.getAnnotation(Idempotent.class);
        if (annotation != null && !annotation.value().isEmpty()) {
            return annotation.value();
        }
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    private static List<Operation> scan() {
        List<Class<?>> resources = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (bean.getBeanClass().isAnnotationPresent(Path.class)) {
                resources.add(bean.getBeanClass());
            }
        }
        return inspect(resources);
    }

    /** The idempotent operations of these resource classes; throws naming every method that breaks the rules. */
    static List<Operation> inspect(List<Class<?>> resources) {
        List<Operation> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Class<?> type : resources) {
            Path classPath = type.getAnnotation(Path.class);
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Idempotent.class)) {
                    continue;
                }
                String where = type.getSimpleName() + "." + method.getName();
                for (Class<?> parameter : method.getParameterTypes()) {
                    if (!Fingerprints.supports(parameter)) {
                        problems.add(where + " takes a " + parameter.getName() + ", which no fingerprint covers");
                    }
                }
                Class<?> returns = method.getReturnType();
                if (returns != Response.class && returns != RestResponse.class) {
                    problems.add(where + " must answer a Response or RestResponse so that a replay can stand in for it");
                }
                Path methodPath = method.getAnnotation(Path.class);
                found.add(new Operation(httpMethod(method), join(classPath == null ? "" : classPath.value(),
                        methodPath == null ? "" : methodPath.value()), name(method)));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("idempotent operations break the rules: " + String.join("; ", problems));
        }
        return Collections.unmodifiableList(found);
    }

    private static String httpMethod(Method method) {
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return "GET";
    }

    static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
