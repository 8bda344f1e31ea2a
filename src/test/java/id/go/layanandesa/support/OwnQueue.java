package id.go.layanandesa.support;

import java.util.UUID;

/**
 * A test's own OPD, whose queue only that test's filings reach: a routing rule sends the births (AKTA_KELAHIRAN)
 * filed in one desa of Luwu Timur to it, so that other tests' filings do not land there.
 */
public final class OwnQueue {

    private static final String KABUPATEN = "73.24";

    private OwnQueue() {
    }

    /** A new OPD (its code the prefix and a random part) that receives the desa's births; its id. */
    public static long open(String desa, String codePrefix) {
        long opd = AuthFixtures.opd(KABUPATEN, codePrefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        close(desa);
        Db.exec("""
                insert into routing_rule (id, kabupaten_code, service_type_id, region_code, opd_id, created_at)
                values (nextval('routing_rule_seq'), ?1, ?2, ?3, ?4, now())""",
                KABUPATEN, Db.serviceType(KABUPATEN, "AKTA_KELAHIRAN"), desa, opd);
        return opd;
    }

    /** The desa's filings go where the kabupaten's own rules send them again. */
    public static void close(String desa) {
        Db.exec("delete from routing_rule where kabupaten_code = ?1 and region_code = ?2", KABUPATEN, desa);
    }
}
