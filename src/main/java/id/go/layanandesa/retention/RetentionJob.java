package id.go.layanandesa.retention;

import id.go.layanandesa.audit.AuditRecord;
import id.go.layanandesa.audit.AuditTrail;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.TimeZones;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.jboss.logging.Logger;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import id.go.layanandesa.common.SqlValues;

/**
 * The daily retention job. For each kabupaten, once a day whatever the number of instances (the first to record the
 * day's run does it): under a dry-run policy it counts what is due and records that in the audit trail; under a purging
 * policy it purges what is due, in batches. Every purge is in the audit trail.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    RetentionPolicies policies;

    @Inject
    PersonalDataPurge purge;

    @Inject
    AuditTrail trail;

    @Inject
    EntityManager em;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "retention", cron = "{layanan.retention.cron}", timeZone = "Asia/Jakarta",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        runAll(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** The day's run for every kabupaten that has OPDs (the kabupaten that use the service). */
    public void runAll(Instant now) {
        @SuppressWarnings("unchecked")
        List<String> kabupaten = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select distinct kabupaten_code from opd order by kabupaten_code").getResultList());
        for (String k : kabupaten) {
            try {
                run(k, now);
            } catch (RuntimeException e) {
                LOG.errorf("the retention run of kabupaten %s failed (%s); the next run takes up what is due", k, e.getClass().getSimpleName());
            }
        }
    }

    /** The day's run for one kabupaten; empty when another instance (or an earlier call) made it already. */
    public Optional<RetentionViews.Run> run(String kabupatenCode, Instant now) {
        RetentionPolicies.Policy policy = policies.of(kabupatenCode);
        Instant cutoff = policies.cutoff(policy, now);
        LocalDate day = LocalDate.ofInstant(now, TimeZones.forRegion(kabupatenCode));
        boolean ours = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        insert into retention_run (kabupaten_code, day, started_at, cutoff, dry_run) values (:k, :d, :s, :c, :dry)
                        on conflict do nothing""")
                .setParameter("k", kabupatenCode).setParameter("d", Date.valueOf(day)).setParameter("s", Timestamp.from(now))
                .setParameter("c", Timestamp.from(cutoff)).setParameter("dry", !policy.purge()).executeUpdate() == 1);
        if (!ours) {
            return Optional.empty();
        }
        int requests;
        if (policy.purge()) {
            int batch = Math.max(1, config.retention().batchSize());
            requests = 0;
            int done;
            do {
                done = purge.purgeBatch(kabupatenCode, policy.period(), cutoff, batch, now);
                requests += done;
            } while (done == batch);
            if (requests > 0) {
                LOG.infof("retention: the personal data of %d finished requests of kabupaten %s was purged", requests, kabupatenCode);
            }
        } else {
            RetentionViews.DryRun due = purge.due(kabupatenCode, policy.period(), cutoff);
            requests = due.requests();
            if (requests > 0) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("period", due.period());
                detail.put("cutoff", cutoff.toString());
                detail.put("requests", requests);
                Map<String, Integer> perService = new LinkedHashMap<>();
                due.services().forEach(s -> perService.put(s.code(), s.requests()));
                detail.put("requestsPerService", perService);
                QuarkusTransaction.requiringNew().run(() -> trail.write(new AuditRecord(now, AuditRecord.Who.system("retention", kabupatenCode),
                        AuditRecord.Where.NOWHERE, "retentionDryRun", "RETENTION_POLICY", kabupatenCode, List.of(), detail)));
            }
        }
        Instant finished = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int counted = requests;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update retention_run set finished_at = :f, requests = :n where kabupaten_code = :k and day = :d")
                .setParameter("f", Timestamp.from(finished)).setParameter("n", counted).setParameter("k", kabupatenCode)
                .setParameter("d", Date.valueOf(day)).executeUpdate());
        return Optional.of(new RetentionViews.Run(day, !policy.purge(), cutoff, requests, now, finished));
    }

    /** The kabupaten's last run, if any. */
    public Optional<RetentionViews.Run> lastRun(String kabupatenCode) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select day, dry_run, cutoff, requests, started_at, finished_at from retention_run
                         where kabupaten_code = :k order by day desc limit 1""", Tuple.class)
                .setParameter("k", kabupatenCode).getResultList();
        return rows.stream().findFirst().map(t -> new RetentionViews.Run(day(t.get("day")), t.get("dry_run", Boolean.class),
                SqlValues.instant(t.get("cutoff")), t.get("requests", Number.class).intValue(),
                SqlValues.instant(t.get("started_at")), SqlValues.instant(t.get("finished_at"))));
    }

    private static LocalDate day(Object value) {
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
