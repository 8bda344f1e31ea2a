package id.go.layanandesa.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An administrative change made through the API: the resource method runs in a transaction (joining the one it is
 * called in), and the audit entry is written in it, after the method returned normally. The entry names the
 * operation (its operationId), the caller, the client address and the request id, the thing changed
 * ({@link #target()} and its id: the path's id, or the Location of what was created) and the names of the body's
 * fields that were sent, never their values. A refused or failed change leaves no entry (it leaves nothing else either).
 * A method may add to its entry through {@link AuditNote}, or say there that it changed nothing (then it leaves none).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    /** The kind of thing changed, e.g. ACCOUNT, OPD, SERVICE_TYPE. */
    @Nonbinding
    String target() default "";
}
