package id.go.layanandesa.common.security;

/**
 * Whether a caller whose credential verified may call the service now: its login session still stands (ended by
 * logout, password change, disabling) and what it claims agrees with the data (the kabupaten is a kabupaten, the desa
 * lies in it, the OPD is one of its own, the account is the one the claims describe, and the kabupaten has been
 * onboarded). Every authenticated call asks,
 * so an implementation answers from memory whenever it safely can.
 */
public interface IdentityCheck {

    /**
     * Returns the caller as the data knows it when it may go on (with what only the data says, such as a password it
     * must replace first). Throws {@link io.quarkus.security.AuthenticationFailedException} (401) when the credential
     * no longer stands, and a 403 problem when it describes an identity the data does not hold. May block on the
     * database.
     */
    CallerIdentity verify(CallerIdentity caller);

    /**
     * The same check answered from memory only, without blocking: the caller as {@link #verify} would return it, or
     * null when the answer needs the database (then {@link #verify} must be asked, off the event loop). Throws as
     * {@link #verify} does when memory already knows the credential no longer stands.
     */
    default CallerIdentity verifyFromMemory(CallerIdentity caller) {
        return null;
    }
}
