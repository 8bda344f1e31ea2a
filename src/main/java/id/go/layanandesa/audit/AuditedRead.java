package id.go.layanandesa.audit;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read that may show citizens' personal data: when the answer carries a body that {@link ShowsPersonalData}
 * (not a 304), an audit entry naming every request it showed is recorded, off the read's path (see
 * {@link AuditReads}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuditedRead {
}
