package id.go.layanandesa.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read that may show citizens' personal data: when the answer carries a body that {@link ShowsPersonalData}
 * (not a 304), an audit entry naming every request it showed is recorded, off the read's path (see
 * {@link AuditReads}). An answer that cannot say whose data it shows (a file, a list of files, a receipt) names the
 * request by the path parameter {@link #request()}: any answer with a body (200, 206) is recorded as showing it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuditedRead {

    /** The path parameter naming the request whose personal data the answer shows, when its body cannot say. */
    @Nonbinding
    String request() default "";
}
