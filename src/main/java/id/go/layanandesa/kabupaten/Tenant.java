package id.go.layanandesa.kabupaten;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A kabupaten in service here: an operator onboarded it. Its OPDs, catalog, rules, holidays and accounts are its own. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    @Column(name = "kabupaten_code")
    public String kabupatenCode;

    @Column(name = "onboarded_at")
    public Instant onboardedAt;

    /** The operator who onboarded it; absent for a kabupaten that was in service before onboarding existed. */
    @Column(name = "onboarded_by")
    public Long onboardedBy;
}
