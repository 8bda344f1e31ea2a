package id.go.layanandesa.bench;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Two OPDs of the bench's own, each with an officer: one whose queue only the claim figure fills, one that
 * AKTA_KELAHIRAN filed in the wake-up desa is routed to.
 */
public record BenchOpds(long claimOpd, String claimToken, long wakeOpd, String wakeToken) {

    static BenchOpds create(Db db, Tokens tokens, Accounts accounts) throws Exception {
        try (Connection c = db.connect()) {
            long claimOpd = opd(c, "BENCH_CLAIMS", null, accounts.serviceTypeId());
            long wakeOpd = opd(c, "BENCH_WAKE", accounts.wakeDesa(), accounts.serviceTypeId());
            long ca = Accounts.account(c, "bench-claims", "OPD_OFFICER", null, claimOpd);
            String claimToken = tokens.token(ca, "bench-claims", "OPD_OFFICER", null, claimOpd);
            long wa = Accounts.account(c, "bench-wake", "OPD_OFFICER", null, wakeOpd);
            String wakeToken = tokens.token(wa, "bench-wake", "OPD_OFFICER", null, wakeOpd);
            return new BenchOpds(claimOpd, claimToken, wakeOpd, wakeToken);
        }
    }

    /** An OPD with its queue state; with a desa, the service type filed there is routed to it. */
    private static long opd(Connection c, String code, String desa, long serviceTypeId) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("insert into opd (id, kabupaten_code, code, name, kind, active, triage, version, created_at, updated_at) "
                    + "values (nextval('opd_seq'), '73.24', '" + code + "', 'Bench " + code + "', 'DINAS', true, false, 0, now(), now())");
            long id = Db.single(c, "select id from opd where code = '" + code + "'");
            s.execute("insert into opd_queue_state (opd_id, version, changed_at) values (" + id + ", 0, now())");
            if (desa != null) {
                s.execute("insert into routing_rule (id, kabupaten_code, service_type_id, region_code, opd_id, created_at) "
                        + "values (nextval('routing_rule_seq'), '73.24', " + serviceTypeId + ", '" + desa + "', " + id + ", now())");
            }
            return id;
        }
    }
}
