package id.go.layanandesa.common.openapi;

import id.go.layanandesa.common.error.ProblemCode;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem codes a resource method answers with besides those every operation of its kind can give
 * (authentication, validation of its body and parameters, idempotency and If-Match, 406, 415, 500: the spec
 * adds those by itself). The spec lists them per status with an example each; the contract tests fail on
 * an answer whose code the operation does not declare.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface ProblemCodes {
    ProblemCode[] value();
}
