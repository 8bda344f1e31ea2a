package id.go.layanandesa.region;

import id.go.layanandesa.common.CursorPage;
import id.go.layanandesa.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Reads of the region list. Regions are public reference data (the Kepmendagri list), so any
 * authenticated caller reads the regions of any kabupaten; only OPDs, catalog and the like are tenant data.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RegionService {

    private static final String CODE_MESSAGE = "must be a region code like 73, 73.24, 73.24.04 or 73.24.04.2001";

    @Inject
    EntityManager em;

    public RegionView get(String code) {
        Region region = find(code);
        List<String> ancestorCodes = new ArrayList<>();
        for (String c = region.parentCode; c != null; c = RegionCodes.parent(c)) {
            ancestorCodes.add(c);
        }
        List<RegionView.Ancestor> ancestors = ancestorCodes.isEmpty() ? List.of()
                : Region.<Region>list("code in ?1", ancestorCodes).stream()
                .sorted(Comparator.comparing(r -> r.level))
                .map(r -> new RegionView.Ancestor(r.code, r.name, r.levelKind()))
                .toList();
        return RegionView.of(region, ancestors);
    }

    /** Children ordered by code; {@code after} is the cursor of the previous page: its last code. */
    public CursorPage<RegionView> children(String code, String after, int limit) {
        find(code);
        // region_parent_idx (parent_code, code)
        List<Region> rows = em.createQuery("from Region where parentCode = :p and code > :after order by code", Region.class)
                .setParameter("p", code)
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit + 1)
                .getResultList();
        return CursorPage.of(rows.stream().map(r -> RegionView.of(r, null)).toList(), limit, RegionView::code);
    }

    /**
     * Regions of a kabupaten (its kecamatan and desa, and itself) whose name starts with {@code q}, ignoring case and
     * accents, ordered by name then code; the cursor carries the last (name key, code).
     */
    public CursorPage<RegionView> search(String kabupaten, String q, String after, int limit) {
        if (kabupaten == null || !RegionCodes.KABUPATEN.matcher(kabupaten).matches()) {
            throw ProblemException.invalid("kabupaten", "must be a kabupaten/kota code like 73.24");
        }
        String key = q == null ? "" : Region.nameKeyOf(q);
        if (key.isEmpty()) {
            throw ProblemException.invalid("q", "must not be blank");
        }
        if (key.length() > 200) {
            throw ProblemException.invalid("q", "size must be between 1 and 200");
        }
        if (Region.findById(kabupaten) == null) {
            throw ProblemException.notFound("kabupaten " + kabupaten);
        }
        String afterKey = "";
        String afterCode = "";
        if (after != null && !after.isEmpty()) {
            String[] cursor = decodeCursor(after);
            afterKey = cursor[0];
            afterCode = cursor[1];
        }
        // region_search_idx (kabupaten_code, name_key text_pattern_ops) serves the prefix match
        @SuppressWarnings("unchecked")
        List<Region> rows = em.createNativeQuery("""
                        select * from region
                         where kabupaten_code = :k and name_key like :prefix escape '\\'
                           and (name_key, code) > (:afterKey, :afterCode)
                         order by name_key, code
                         limit :limit""", Region.class)
                .setParameter("k", kabupaten)
                .setParameter("prefix", escapeLike(key) + "%")
                .setParameter("afterKey", afterKey)
                .setParameter("afterCode", afterCode)
                .setParameter("limit", limit + 1)
                .getResultList();
        CursorPage<Region> page = CursorPage.of(rows, limit, r -> encodeCursor(r.nameKey, r.code));
        return new CursorPage<>(page.items().stream().map(r -> RegionView.of(r, null)).toList(), page.next());
    }

    /**
     * 400 on {@code field} unless {@code code} is an existing region of {@code kabupaten} whose level is at least
     * {@code minLevel} (2: the kabupaten itself, 3: a kecamatan, 4: a desa).
     */
    public Region requireArea(String field, String code, String kabupaten, int minLevel) {
        String levels = minLevel <= 2 ? "the kabupaten itself, one of its kecamatan or one of its desa"
                : minLevel == 3 ? "a kecamatan or desa of kabupaten " + kabupaten : "a desa of kabupaten " + kabupaten;
        if (!RegionCodes.isValid(code) || RegionCodes.level(code) < minLevel || !kabupaten.equals(RegionCodes.kabupatenOf(code))) {
            throw ProblemException.invalid(field, "must be " + levels);
        }
        Region region = Region.findById(code);
        if (region == null) {
            throw ProblemException.invalid(field, "no region has code " + code);
        }
        return region;
    }

    private Region find(String code) {
        if (!RegionCodes.isValid(code)) {
            throw ProblemException.invalid("code", CODE_MESSAGE);
        }
        Region region = Region.findById(code);
        if (region == null) {
            throw ProblemException.notFound("region " + code);
        }
        return region;
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String encodeCursor(String nameKey, String code) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((nameKey + "\n" + code).getBytes(StandardCharsets.UTF_8));
    }

    static String[] decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int nl = s.lastIndexOf('\n');
            if (nl < 0 || !RegionCodes.isValid(s.substring(nl + 1))) {
                throw new IllegalArgumentException();
            }
            return new String[]{s.substring(0, nl), s.substring(nl + 1)};
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this list gave out");
        }
    }
}
