package id.go.layanandesa.retention;

import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import static id.go.layanandesa.common.SqlValues.instant;

/**
 * The retention period of each kabupaten, and when it makes a request's personal data due: at the start of the day, in
 * the kabupaten's calendar, that is the period after the day it finished.
 */
@ApplicationScoped
public class RetentionPolicies {

    /** A kabupaten's policy; {@code version} 0 and {@code own} false while the installation's default holds. */
    public record Policy(String kabupatenCode, Period period, boolean purge, boolean own, int version, Instant updatedAt) {
    }

    static final LocalDate MEASURE_FROM = LocalDate.of(2000, 1, 1);

    @Inject
    EntityManager em;

    @Inject
    LayananConfig config;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Policy of(String kabupatenCode) {
        List<Policy> rows = read(kabupatenCode, false);
        return rows.isEmpty() ? new Policy(kabupatenCode, config.retention().defaultPeriod(), false, false, 0, null) : rows.get(0);
    }

    /** The policy after a {@link #set}, and whether the set changed it. */
    public record Applied(Policy policy, boolean changed) {
    }

    /**
     * Sets the kabupaten's policy if {@code ifMatch} names its current version (0 for the default). The same period
     * and purge sent again change nothing, not even the version.
     */
    @Transactional
    public Applied set(String kabupatenCode, String ifMatch, String periodText, boolean purge, Instant now) {
        Period period = parse(periodText);
        List<Policy> current = read(kabupatenCode, true);
        ETags.checkIfMatch(ifMatch, current.isEmpty() ? 0 : current.get(0).version());
        if (!current.isEmpty() && current.get(0).period().equals(period) && current.get(0).purge() == purge) {
            return new Applied(current.get(0), false);
        }
        int changed = current.isEmpty()
                ? em.createNativeQuery("""
                        insert into retention_policy (kabupaten_code, period, purge, version, updated_at) values (:k, :p, :u, 1, :t)
                        on conflict (kabupaten_code) do nothing""")
                .setParameter("k", kabupatenCode).setParameter("p", period.toString()).setParameter("u", purge)
                .setParameter("t", Timestamp.from(now)).executeUpdate()
                : em.createNativeQuery("""
                        update retention_policy set period = :p, purge = :u, version = version + 1, updated_at = :t
                         where kabupaten_code = :k""")
                .setParameter("k", kabupatenCode).setParameter("p", period.toString()).setParameter("u", purge)
                .setParameter("t", Timestamp.from(now)).executeUpdate();
        if (changed == 0) {
            // another admin set the first policy meanwhile
            throw ProblemException.preconditionFailed("the policy changed since version 0; read it again");
        }
        return new Applied(read(kabupatenCode, false).get(0), true);
    }

    /** Requests of the kabupaten that finished before this instant are due under the policy at {@code now}. */
    public Instant cutoff(Policy policy, Instant now) {
        var zone = TimeZones.forRegion(policy.kabupatenCode());
        LocalDate today = LocalDate.ofInstant(now, zone);
        return today.minus(policy.period()).atStartOfDay(zone).toInstant();
    }

    /** A period from 30 days to 100 years, of years, months and days. */
    static Period parse(String text) {
        Period period;
        try {
            period = Period.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.invalid("period", "must be an ISO-8601 period like P5Y or P18M");
        }
        LocalDate end = MEASURE_FROM.plus(period);
        if (period.isNegative() || end.isBefore(MEASURE_FROM.plusDays(30)) || end.isAfter(MEASURE_FROM.plusYears(100))) {
            throw ProblemException.invalid("period", "must be from 30 days (P30D) to 100 years (P100Y)");
        }
        return period;
    }

    private List<Policy> read(String kabupatenCode, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select kabupaten_code, period, purge, version, updated_at from retention_policy "
                        + "where kabupaten_code = :k" + (lock ? " for update" : ""), Tuple.class)
                .setParameter("k", kabupatenCode).getResultList();
        return rows.stream().map(t -> new Policy(t.get("kabupaten_code", String.class), Period.parse(t.get("period", String.class)),
                t.get("purge", Boolean.class), true, t.get("version", Number.class).intValue(), instant(t.get("updated_at")))).toList();
    }
}
