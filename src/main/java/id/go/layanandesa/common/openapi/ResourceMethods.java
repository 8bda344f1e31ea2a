package id.go.layanandesa.common.openapi;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.HashMap;
import java.util.Map;

/**
 * The resource methods of the class index, by the spec's path and operation: what the build-stage filters read
 * to find the annotations behind an operation.
 */
final class ResourceMethods {

    private static final DotName PATH = DotName.createSimple(Path.class);
    private static final Map<DotName, PathItem.HttpMethod> VERBS = Map.of(
            DotName.createSimple(GET.class), PathItem.HttpMethod.GET,
            DotName.createSimple(POST.class), PathItem.HttpMethod.POST,
            DotName.createSimple(PUT.class), PathItem.HttpMethod.PUT,
            DotName.createSimple(PATCH.class), PathItem.HttpMethod.PATCH,
            DotName.createSimple(DELETE.class), PathItem.HttpMethod.DELETE,
            DotName.createSimple(HEAD.class), PathItem.HttpMethod.HEAD,
            DotName.createSimple(OPTIONS.class), PathItem.HttpMethod.OPTIONS);

    private ResourceMethods() {
    }

    /** Every resource method of a class with {@code @Path}, under the key {@link #key}. */
    static Map<String, MethodInfo> of(IndexView index) {
        Map<String, MethodInfo> methods = new HashMap<>();
        for (AnnotationInstance classPath : index.getAnnotations(PATH)) {
            if (classPath.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                continue;
            }
            for (MethodInfo method : classPath.target().asClass().methods()) {
                PathItem.HttpMethod verb = verbOf(method);
                String path = pathOf(method);
                if (verb != null && path != null) {
                    add(methods, key(path, verb), method);
                }
            }
        }
        return methods;
    }

    /**
     * Files a method under its key. The spec has one operation a verb and path: two methods there would leave it to
     * chance whose annotations describe it, so that fails the build.
     */
    static void add(Map<String, MethodInfo> methods, String key, MethodInfo method) {
        MethodInfo twin = methods.put(key, method);
        // the same method may come twice when the index is made of several (the tests' and the application's)
        if (twin != null && !sameMethod(twin, method)) {
            throw new IllegalStateException(key + " is answered by two resource methods: " + twin.declaringClass().simpleName()
                    + "." + twin.name() + " and " + method.declaringClass().simpleName() + "." + method.name());
        }
    }

    private static boolean sameMethod(MethodInfo a, MethodInfo b) {
        return a.declaringClass().name().equals(b.declaringClass().name()) && a.name().equals(b.name())
                && a.parameterTypes().equals(b.parameterTypes());
    }

    static String key(String path, PathItem.HttpMethod verb) {
        return verb + " " + path;
    }

    /** The method's HTTP method, or null for a method that is no resource method. */
    static PathItem.HttpMethod verbOf(MethodInfo method) {
        for (Map.Entry<DotName, PathItem.HttpMethod> verb : VERBS.entrySet()) {
            if (method.hasDeclaredAnnotation(verb.getKey())) {
                return verb.getValue();
            }
        }
        return null;
    }

    /** The method's path as the spec writes it, or null when its class has no {@code @Path}. */
    static String pathOf(MethodInfo method) {
        ClassInfo type = method.declaringClass();
        AnnotationInstance classPath = type.declaredAnnotation(PATH);
        if (classPath == null) {
            return null;
        }
        AnnotationInstance methodPath = method.declaredAnnotation(PATH);
        String path = ("/" + classPath.value().asString() + "/" + (methodPath == null ? "" : methodPath.value().asString()))
                .replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
