package id.go.layanandesa.common.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation an account may call while it must replace a password someone else set: who am I, change my own
 * password, log out. Every other secured operation answers 403 PASSWORD_CHANGE_REQUIRED to such an account
 * ({@link PasswordChangeGate}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowedBeforePasswordChange {
}
