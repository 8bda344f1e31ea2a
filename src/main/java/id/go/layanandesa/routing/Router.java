package id.go.layanandesa.routing;

import id.go.layanandesa.common.TransactionSql;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.region.RegionCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves where a request for a service from a desa goes, in one query. Precedence, first match wins:
 * a rule for the service type (desa, then kecamatan, then kabupaten-wide), a rule for all services
 * (desa, kecamatan, kabupaten-wide), the service type's default OPD, the kabupaten's triage OPD.
 * A candidate whose OPD is inactive is passed over. A relative rule stands for the active OPD of a kind that serves
 * the desa's area (the kecamatan office of the desa), and is passed over when there is none.
 */
@ApplicationScoped
public class Router {

    static final String[] BASES = {
            "RULE_SERVICE_DESA", "RULE_SERVICE_KECAMATAN", "RULE_SERVICE_KABUPATEN",
            "RULE_ALL_DESA", "RULE_ALL_KECAMATAN", "RULE_ALL_KABUPATEN",
            "SERVICE_DEFAULT", "TRIAGE"};

    // rank: service-specific rules 0-2, all-service rules 3-5 (desa 0, kecamatan 1, kabupaten 2), default 6, triage 7.
    // A relative rule's OPD is the active one of its kind serving the desa (or else its kecamatan; by code when two do):
    // none, and the rule is passed over like a rule whose OPD is inactive. opd_kind_area_idx serves that look-up.
    private static final String RESOLVE = """
            select c.opd_id, c.rule_id, c.rank, o.code as opd_code, o.name as opd_name from (
                select coalesce(r.opd_id,
                           (select k.id from opd k
                             where k.kabupaten_code = r.kabupaten_code and k.active and k.kind = r.opd_kind
                               and k.region_code in (:desa, :kecamatan)
                               and (r.opd_code_prefix is null or starts_with(k.code, r.opd_code_prefix))
                             order by length(k.region_code) desc, k.code
                             limit 1)) as opd_id,
                       r.id as rule_id,
                       (case when r.service_type_id is null then 3 else 0 end)
                     + (case r.region_code when :desa then 0 when :kecamatan then 1 else 2 end) as rank
                  from routing_rule r
                 where r.kabupaten_code = :kabupaten
                   and coalesce(r.service_type_id, 0) in (:serviceType, 0)
                   and r.region_code in (:desa, :kecamatan, :kabupaten)
                union all
                select s.default_opd_id, null, 6 from service_type s where s.id = :serviceType
                union all
                select o.id, null, 7 from opd o where o.kabupaten_code = :kabupaten and o.triage
            ) c
            join opd o on o.id = c.opd_id and o.active
            order by c.rank
            limit 1
            """;

    /** The query with each named parameter as a positional one, and the names in the order of their places. */
    private static final String SQL;
    private static final List<String> PLACES;

    static {
        Matcher m = Pattern.compile(":(desa|kecamatan|kabupaten|serviceType)\\b").matcher(RESOLVE);
        List<String> places = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            places.add(m.group(1));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        SQL = sql.toString();
        PLACES = List.copyOf(places);
    }

    @Inject
    TransactionSql sql;

    /**
     * Where a request for {@code serviceTypeId} from {@code desaCode} goes; the triage OPD when nothing else does.
     * Rules, OPDs and service types change only in calls of their own, so no change of them waits unwritten in the
     * persistence context of a transaction that routes.
     */
    public Route resolve(long serviceTypeId, String desaCode) {
        String kabupaten = RegionCodes.kabupatenOf(desaCode);
        String kecamatan = RegionCodes.kecamatanOf(desaCode);
        Object[] parameters = PLACES.stream().map(name -> switch (name) {
            case "kabupaten" -> kabupaten;
            case "kecamatan" -> kecamatan;
            case "desa" -> desaCode;
            default -> (Object) serviceTypeId;
        }).toArray();
        return sql.first(SQL, row -> {
            Long rule = TransactionSql.nullableLong(row, "rule_id");
            return new Route(row.getLong("opd_id"), row.getString("opd_code"), row.getString("opd_name"), rule,
                    BASES[row.getInt("rank")]);
        }, parameters).orElseThrow(() -> ProblemException.conflict("NO_TRIAGE_OPD", "kabupaten " + kabupaten
                + " has no active triage OPD, so nothing can take a request that no rule routes"));
    }
}
