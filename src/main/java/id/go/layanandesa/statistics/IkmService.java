package id.go.layanandesa.statistics;

import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.statistics.IkmViews.IkmGroupBy;
import id.go.layanandesa.statistics.StatisticsStore.Named;
import id.go.layanandesa.statistics.StatisticsViews.Group;
import id.go.layanandesa.survey.Ikm;
import id.go.layanandesa.survey.IkmElement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Indeks Kepuasan Masyarakat per OPD or service over a period of answer days, from the survey's answers. */
@ApplicationScoped
public class IkmService {

    @Inject
    StatisticsStore store;

    @Inject
    StatisticsService statistics;

    @Inject
    Clock clock;

    private record Totals(long respondents, long[] sums) {
    }

    public IkmViews.Report index(String kabupaten, LocalDate from, LocalDate to, IkmGroupBy by) {
        LocalDate[] range = statistics.range(kabupaten, from, to);
        ZoneId zone = TimeZones.forRegion(kabupaten);
        String column = by == IkmGroupBy.OPD ? "opd_id" : "service_type_id";
        StringBuilder sums = new StringBuilder();
        for (IkmElement e : IkmElement.values()) {
            sums.append(", sum(").append(e.column()).append(") as ").append(e.column());
        }
        Map<String, Totals> byGroup = new LinkedHashMap<>();
        store.query("select " + column + " as grp, count(*) as respondents" + sums
                + " from survey_response where kabupaten_code = ? and answered_at >= ? and answered_at < ? group by 1", ps -> {
            ps.setString(1, kabupaten);
            ps.setTimestamp(2, Timestamp.from(range[0].atStartOfDay(zone).toInstant()));
            ps.setTimestamp(3, Timestamp.from(range[1].plusDays(1).atStartOfDay(zone).toInstant()));
        }, rs -> {
            long[] s = new long[IkmElement.values().length];
            for (IkmElement e : IkmElement.values()) {
                s[e.ordinal()] = rs.getLong(e.column());
            }
            byGroup.put(rs.getString("grp"), new Totals(rs.getLong("respondents"), s));
        });
        Map<String, Named> groups = store.groups(kabupaten, by == IkmGroupBy.OPD ? StatisticsViews.GroupBy.OPD : StatisticsViews.GroupBy.SERVICE);
        Set<String> keys = new LinkedHashSet<>(groups.keySet());
        keys.addAll(byGroup.keySet());
        long respondents = 0;
        long[] all = new long[IkmElement.values().length];
        List<IkmViews.Row> rows = new ArrayList<>();
        for (String key : keys) {
            Totals t = byGroup.getOrDefault(key, new Totals(0, new long[IkmElement.values().length]));
            respondents += t.respondents();
            for (int i = 0; i < all.length; i++) {
                all[i] += t.sums()[i];
            }
            Named n = groups.get(key);
            rows.add(row(n != null ? new Group(n.id(), n.code(), n.name()) : new Group(Long.valueOf(key), null, null), t.respondents(), t.sums()));
        }
        return new IkmViews.Report(kabupaten, store.regionName(kabupaten), zone.getId(), range[0], range[1], by,
                clock.instant().truncatedTo(ChronoUnit.SECONDS),
                row(new Group(null, kabupaten, store.regionName(kabupaten)), respondents, all), rows);
    }

    private static IkmViews.Row row(Group group, long respondents, long[] sums) {
        Ikm.Result r = Ikm.of(respondents, sums);
        if (r == null) {
            return new IkmViews.Row(group, 0, null, null, null, null);
        }
        return new IkmViews.Row(group, respondents, IkmViews.ElementAverages.of(r.elementAverages()), r.index(), r.grade(),
                r.grade().label());
    }

    public static byte[] csv(IkmViews.Report report) {
        Csv csv = new Csv();
        List<Object> header = new ArrayList<>(List.of("level", "id", "code", "name", "respondents"));
        for (IkmElement e : IkmElement.values()) {
            header.add("nrr_" + e.name().toLowerCase());
        }
        header.addAll(List.of("ikm", "grade", "grade_label"));
        csv.row(header.toArray());
        csv.row(cells("KABUPATEN", report.total()));
        for (IkmViews.Row row : report.items()) {
            csv.row(cells(report.groupBy().name(), row));
        }
        return csv.bytes();
    }

    private static Object[] cells(String level, IkmViews.Row row) {
        IkmViews.ElementAverages a = row.elementAverages();
        List<Object> cells = new ArrayList<>(List.of(level));
        cells.add(row.group().id());
        cells.add(row.group().code());
        cells.add(row.group().name());
        cells.add(row.respondents());
        if (a == null) {
            for (int i = 0; i < 9; i++) {
                cells.add(null);
            }
        } else {
            cells.addAll(List.of(plain(a.persyaratan()), plain(a.prosedur()), plain(a.waktu()), plain(a.biaya()), plain(a.produk()),
                    plain(a.kompetensi()), plain(a.perilaku()), plain(a.pengaduan()), plain(a.sarana())));
        }
        cells.add(row.ikm() == null ? null : row.ikm().toPlainString());
        cells.add(row.grade());
        cells.add(row.gradeLabel());
        return cells.toArray();
    }

    private static String plain(java.math.BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
