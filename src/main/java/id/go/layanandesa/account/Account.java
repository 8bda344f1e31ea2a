package id.go.layanandesa.account;

import id.go.layanandesa.common.security.Role;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A person's account: an operator of the installation, or an admin, desa officer, OPD officer or viewer of one kabupaten. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
    @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 50)
    public Long id;

    /** Null for an OPERATOR, which belongs to no kabupaten. */
    @Column(name = "kabupaten_code")
    public String kabupatenCode;

    public String username;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "password_hash")
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    public Role role;

    @Column(name = "desa_code")
    public String desaCode;

    @Column(name = "opd_id")
    public Long opdId;

    public boolean enabled = true;

    /** Its password was set by someone else: it may do nothing but set its own (see PasswordChangeGate). */
    @Column(name = "password_change_required")
    public boolean passwordChangeRequired;

    /** Failed logins since the last success, for admins to see; logins are slowed per address (LoginThrottle). */
    @Column(name = "failed_logins")
    public int failedLogins;

    @Version
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Account byUsername(String username) {
        return find("username", username.toLowerCase()).firstResult();
    }
}
