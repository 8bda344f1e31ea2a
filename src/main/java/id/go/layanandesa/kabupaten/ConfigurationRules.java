package id.go.layanandesa.kabupaten;

import id.go.layanandesa.catalog.CatalogRules;
import id.go.layanandesa.common.error.Problem.Violation;
import id.go.layanandesa.common.error.ProblemMappers;
import id.go.layanandesa.region.RegionCodes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything that makes a configuration document wrong, found in one pass so that one problem lists every violation
 * with its path in the document ({@code catalog[3].documents[1].requiredWhen.field}): the constraints of each part,
 * then what parts say of each other (codes that repeat, an OPD or service the document does not have, a region
 * outside the kabupaten, not exactly one active triage OPD, two rules for one service and area).
 */
final class ConfigurationRules {

    private ConfigurationRules() {
    }

    /**
     * @param kabupaten the kabupaten the document must configure
     * @param regions   the levels of the regions of that kabupaten the document names (absent: no such region)
     */
    static List<Violation> check(Configuration doc, String kabupaten, Map<String, Integer> regions, Validator validator) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<Configuration> v : validator.validate(doc)) {
            violations.add(new Violation(ProblemMappers.fieldOf(v), v.getMessage()));
        }
        if (doc.kabupaten() != null && !doc.kabupaten().equals(kabupaten)) {
            violations.add(new Violation("kabupaten", "must be " + kabupaten + ", the kabupaten it is applied to"));
        }
        List<Configuration.Opd> opds = orEmpty(doc.opds());
        List<Configuration.Service> catalog = orEmpty(doc.catalog());
        List<Configuration.Rule> rules = orEmpty(doc.routingRules());
        List<Configuration.Holiday> holidays = orEmpty(doc.holidays());

        Map<String, Configuration.Opd> opdsByCode = unique(violations, "opds", opds, Configuration.Opd::code, "code");
        List<Integer> triage = new ArrayList<>();
        for (int i = 0; i < opds.size(); i++) {
            Configuration.Opd o = opds.get(i);
            if (o == null) {
                continue;
            }
            if (o.regionCode() != null) {
                area(violations, "opds[" + i + "].regionCode", o.regionCode(), kabupaten, regions, 3);
            }
            if (Boolean.TRUE.equals(o.triage())) {
                triage.add(i);
                if (Boolean.FALSE.equals(o.active())) {
                    violations.add(new Violation("opds[" + i + "].active", "the triage OPD must be active"));
                }
            }
        }
        if (triage.isEmpty()) {
            violations.add(new Violation("opds", "exactly one OPD must be the triage OPD (triage: true), which receives what no rule routes"));
        }
        for (int i = 1; i < triage.size(); i++) {
            violations.add(new Violation("opds[" + triage.get(i) + "].triage", "only one OPD can be the triage OPD; opds["
                    + triage.get(0) + "] is"));
        }

        Map<String, Configuration.Service> services = unique(violations, "catalog", catalog, Configuration.Service::code, "code");
        for (int i = 0; i < catalog.size(); i++) {
            Configuration.Service s = catalog.get(i);
            if (s == null) {
                continue;
            }
            String at = "catalog[" + i + "]";
            if (s.defaultOpd() != null && !s.defaultOpd().isBlank() && !opdsByCode.containsKey(s.defaultOpd())) {
                violations.add(new Violation(at + ".defaultOpd", "no OPD " + s.defaultOpd() + " in the document"));
            }
            if (s.documents() != null && s.fields() != null && s.documents().stream().allMatch(d -> d != null)
                    && s.fields().stream().allMatch(f -> f != null && f.key() != null && f.type() != null)) {
                for (Violation v : CatalogRules.check(s.documents(), s.fields())) {
                    violations.add(new Violation(at + "." + v.field(), v.message()));
                }
            }
        }

        Map<String, Integer> ruleKeys = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Configuration.Rule r = rules.get(i);
            if (r == null) {
                continue;
            }
            String at = "routingRules[" + i + "]";
            if (r.service() != null && !services.containsKey(r.service())) {
                violations.add(new Violation(at + ".service", "no service " + r.service() + " in the document's catalog"));
            }
            if (r.area() != null && !r.area().isBlank()) {
                area(violations, at + ".area", r.area(), kabupaten, regions, 2);
            }
            if ((r.opd() == null) == (r.opdKind() == null)) {
                violations.add(new Violation(at + ".opd", "give either opd (an OPD's code) or opdKind (the OPD of that kind "
                        + "that serves the desa), not both or neither"));
            } else if (r.opd() != null && !opdsByCode.containsKey(r.opd())) {
                violations.add(new Violation(at + ".opd", "no OPD " + r.opd() + " in the document"));
            }
            if (r.opdCodePrefix() != null && r.opdKind() == null) {
                violations.add(new Violation(at + ".opdCodePrefix", "narrows a relative rule: give opdKind too"));
            }
            String key = (r.service() == null ? "*" : r.service()) + " " + r.area();
            Integer first = ruleKeys.putIfAbsent(key, i);
            if (first != null) {
                violations.add(new Violation(at, "routingRules[" + first + "] is a rule for the same service and area"));
            }
        }

        Map<LocalDate, Integer> days = new HashMap<>();
        for (int i = 0; i < holidays.size(); i++) {
            Configuration.Holiday h = holidays.get(i);
            if (h != null && h.date() != null) {
                Integer first = days.putIfAbsent(h.date(), i);
                if (first != null) {
                    violations.add(new Violation("holidays[" + i + "].date", h.date() + " is holidays[" + first + "] already"));
                }
            }
        }
        // in the order of the document, so that the problem reads along with it
        violations.sort(Comparator.comparing(Violation::field, ConfigurationRules::byPath));
        return violations;
    }

    /** The items by key; each key that repeats is a violation at the later item. */
    private static <T> Map<String, T> unique(List<Violation> violations, String list, List<T> items, Function<T, String> key, String field) {
        Map<String, T> byKey = new HashMap<>();
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            String k = item == null ? null : key.apply(item);
            if (k == null) {
                continue;
            }
            Integer first = at.putIfAbsent(k, i);
            if (first != null) {
                violations.add(new Violation(list + "[" + i + "]." + field, k + " is " + list + "[" + first + "] already"));
            } else {
                byKey.put(k, item);
            }
        }
        return byKey;
    }

    /** The region must lie in the kabupaten at this level or below (2 the kabupaten itself, 3 a kecamatan, 4 a desa). */
    private static void area(List<Violation> violations, String field, String code, String kabupaten, Map<String, Integer> regions, int minLevel) {
        String what = minLevel <= 2 ? "the kabupaten itself, one of its kecamatan or one of its desa" : "a kecamatan or desa of kabupaten " + kabupaten;
        if (!RegionCodes.isValid(code) || RegionCodes.level(code) < minLevel || !kabupaten.equals(RegionCodes.kabupatenOf(code))) {
            violations.add(new Violation(field, "must be " + what));
        } else if (!regions.containsKey(code)) {
            violations.add(new Violation(field, "no region has code " + code + " (import the region list first)"));
        }
    }

    /** The region codes a document names, to be read in one query. */
    static Set<String> regionCodes(Configuration doc) {
        Set<String> codes = new java.util.HashSet<>();
        orEmpty(doc.opds()).stream().filter(o -> o != null && o.regionCode() != null).forEach(o -> codes.add(o.regionCode()));
        orEmpty(doc.routingRules()).stream().filter(r -> r != null && r.area() != null).forEach(r -> codes.add(r.area()));
        return codes;
    }

    /** Orders paths as they appear: {@code opds[10]} after {@code opds[9]}. */
    private static int byPath(String a, String b) {
        String[] x = a.split("(?=\\[)|\\.");
        String[] y = b.split("(?=\\[)|\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].startsWith("[") && y[i].startsWith("[") && x[i].length() > 2 && y[i].length() > 2
                    ? Integer.compare(index(x[i]), index(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int index(String bracketed) {
        try {
            return Integer.parseInt(bracketed.substring(1, bracketed.indexOf(']')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
