package id.go.layanandesa.common.idempotency;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A creating or changing call that honours an Idempotency-Key: the call and its stored answer share one
 * transaction, a repeat returns the first answer, a different call under the same key is refused. This one
 * annotation also declares the header and its answers in the OpenAPI spec.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {

    /**
     * The operation's name in fingerprints; calls of one name under one key are the same call. Defaults to
     * {@code Class.method}. Give a name when another path files the same call (the batch files what
     * {@code POST /requests} files).
     */
    @Nonbinding
    String value() default "";
}
