package id.go.layanandesa.kabupaten;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;

/** A kabupaten in service here: an operator onboarded it. Its OPDs, catalog, rules, holidays and accounts are its own. */
@Entity
public class Tenant extends PanacheEntityBase {

    @Id
    public String kabupatenCode;

    public Instant onboardedAt;

    /** The operator who onboarded it; absent for a kabupaten that was in service before onboarding existed. */
    public Long onboardedBy;
}
