package id.go.layanandesa.support.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test deliberately sends requests the spec does not allow (a missing required field, a limit out of range,
 * a malformed body or header), to check that the service refuses them. Its requests are not checked against the
 * spec; the answers still are, so every refusal must be a declared status with a declared problem code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OffContractRequests {
    /** Why the requests break the contract. */
    String value();
}
