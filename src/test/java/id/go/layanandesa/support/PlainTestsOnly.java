package id.go.layanandesa.support;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.Set;

/**
 * With the system property {@value #PROPERTY} set to {@code true} ({@code ./mvnw test -Punit}), only the plain JUnit tests
 * run: a test class that boots the application ({@code @QuarkusTest}, {@code @QuarkusMainTest}, the integration-test
 * variants, {@code @QuarkusComponentTest}; on the class, a superclass or an enclosing class, directly or through another
 * annotation) is left out. Without the property every test runs. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.PostDiscoveryFilter}.
 */
public class PlainTestsOnly implements PostDiscoveryFilter {

    public static final String PROPERTY = "tests.plain-only";

    /** Compared by name: a class Quarkus loaded for its own tests sees annotation types of its own class loader. */
    static final Set<String> BOOTING = Set.of(
            "io.quarkus.test.junit.QuarkusTest",
            "io.quarkus.test.junit.QuarkusIntegrationTest",
            "io.quarkus.test.junit.main.QuarkusMainTest",
            "io.quarkus.test.junit.main.QuarkusMainIntegrationTest",
            "io.quarkus.test.component.QuarkusComponentTest");

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return FilterResult.included("every test runs");
        }
        Class<?> testClass = classOf(descriptor.getSource().orElse(null));
        if (testClass != null && bootsTheApplication(testClass)) {
            return FilterResult.excluded(testClass.getSimpleName() + " boots the application");
        }
        return FilterResult.included("a plain test");
    }

    private static Class<?> classOf(TestSource source) {
        if (source instanceof ClassSource c) {
            return c.getJavaClass();
        }
        if (source instanceof MethodSource m) {
            return m.getJavaClass();
        }
        return null;
    }

    static boolean bootsTheApplication(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (Class<?> s = c; s != null && s != Object.class; s = s.getSuperclass()) {
                for (Annotation a : s.getDeclaredAnnotations()) {
                    if (booting(a.annotationType(), new HashSet<>())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean booting(Class<? extends Annotation> type, Set<String> seen) {
        if (BOOTING.contains(type.getName())) {
            return true;
        }
        if (!seen.add(type.getName()) || type.getName().startsWith("java.lang.annotation.")) {
            return false;
        }
        for (Annotation meta : type.getDeclaredAnnotations()) {
            if (booting(meta.annotationType(), seen)) {
                return true;
            }
        }
        return false;
    }
}
