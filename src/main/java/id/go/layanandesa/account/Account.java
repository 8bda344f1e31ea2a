package id.go.layanandesa.account;

import id.go.layanandesa.common.security.Role;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Version;

import java.time.Instant;

/** A person's account: an operator of the installation, or an admin, desa officer, OPD officer or viewer of one kabupaten. */
@Entity
public class Account extends PanacheEntity {

    /** Null for an OPERATOR, which belongs to no kabupaten. */
    public String kabupatenCode;

    public String username;

    public String displayName;

    public String passwordHash;

    @Enumerated(EnumType.STRING)
    public Role role;

    public String desaCode;

    public Long opdId;

    public boolean enabled = true;

    /** Its password was set by someone else: it may do nothing but set its own (see PasswordChangeGate). */
    public boolean passwordChangeRequired;

    /** Failed logins since the last success, for admins to see; logins are slowed per address (LoginThrottle). */
    public int failedLogins;

    @Version
    public int version;

    public Instant createdAt;

    public Instant updatedAt;

    public static Account byUsername(String username) {
        return find("username", username.toLowerCase()).firstResult();
    }
}
