package id.go.layanandesa.support.contract;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;

/** Installs {@link ContractFilter} for every {@code @QuarkusTest} and tells it when a test sends off-contract requests. */
public class ContractCallbacks implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(ContractFilter.INSTANCE)) {
            RestAssured.filters(ContractFilter.INSTANCE);
        }
        Method method = context.getTestMethod();
        String reason = reason(method);
        if (reason == null && method != null) {
            for (Class<?> type = method.getDeclaringClass(); type != null && reason == null; type = type.getEnclosingClass()) {
                reason = reason(type);
            }
        }
        ContractFilter.offContract(reason);
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        ContractFilter.offContract(null);
    }

    /** Matched by name: the test and this callback may come from different class loaders. */
    private static String reason(AnnotatedElement element) {
        if (element == null) {
            return null;
        }
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().getName().equals(OffContractRequests.class.getName())) {
                try {
                    return (String) a.annotationType().getMethod("value").invoke(a);
                } catch (ReflectiveOperationException e) {
                    return "off contract";
                }
            }
        }
        return null;
    }
}
