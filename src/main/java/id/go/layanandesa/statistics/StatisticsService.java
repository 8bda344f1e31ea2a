package id.go.layanandesa.statistics;

import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.holiday.WorkingDays;
import id.go.layanandesa.statistics.StatisticsStore.Backlog;
import id.go.layanandesa.statistics.StatisticsStore.Named;
import id.go.layanandesa.statistics.StatisticsStore.Sums;
import id.go.layanandesa.statistics.StatisticsViews.Group;
import id.go.layanandesa.statistics.StatisticsViews.GroupBy;
import id.go.layanandesa.statistics.StatisticsViews.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request statistics of a kabupaten from the rollups: counts, on-time share, times to finish, backlog, overdue work. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StatisticsService {

    /** The longest range one query may cover. */
    static final int MAX_YEARS = 10;

    @Inject
    StatisticsStore store;

    @Inject
    WorkingDays workingDays;

    @Inject
    Clock clock;

    /** Today in the kabupaten's zone. */
    public LocalDate today(String kabupaten) {
        return workingDays.localDate(kabupaten, clock.instant());
    }

    /** The range asked for, with defaults (this year up to today) and bounds checked. */
    public LocalDate[] range(String kabupaten, LocalDate from, LocalDate to) {
        LocalDate today = today(kabupaten);
        LocalDate f = from != null ? from : (to != null ? to : today).withDayOfYear(1);
        LocalDate t = to != null ? to : (from != null && from.isAfter(today) ? from : today);
        if (t.isBefore(f)) {
            throw ProblemException.invalid("to", "must not be before from (" + f + ")");
        }
        if (t.isAfter(f.plusYears(MAX_YEARS))) {
            throw ProblemException.invalid("to", "must be at most " + MAX_YEARS + " years after from");
        }
        return new LocalDate[]{f, t};
    }

    public StatisticsViews.RequestStatistics requests(String kabupaten, LocalDate from, LocalDate to, GroupBy by) {
        LocalDate[] range = range(kabupaten, from, to);
        Instant asOf = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Sums> cohort = store.cohort(kabupaten, by, range[0], range[1], today(kabupaten));
        Map<String, Backlog> backlog = store.backlog(kabupaten, by);
        Map<String, Named> groups = store.groups(kabupaten, by);
        Set<String> keys = new LinkedHashSet<>(groups.keySet());
        keys.addAll(cohort.keySet());
        keys.addAll(backlog.keySet());
        Sums all = new Sums();
        int open = 0;
        int needsInfo = 0;
        int overdue = 0;
        List<StatisticsViews.Row> rows = new ArrayList<>();
        for (String key : keys) {
            Sums s = cohort.getOrDefault(key, new Sums());
            Backlog b = backlog.getOrDefault(key, Backlog.NONE);
            all.add(s);
            open += b.open();
            needsInfo += b.needsInfo();
            overdue += b.overdue();
            Named n = groups.get(key);
            Group group = n != null ? new Group(n.id(), n.code(), n.name())
                    : by == GroupBy.OPD || by == GroupBy.SERVICE ? new Group(Long.valueOf(key), null, null) : new Group(null, key, null);
            rows.add(new StatisticsViews.Row(group, metrics(s, b)));
        }
        return new StatisticsViews.RequestStatistics(kabupaten, store.regionName(kabupaten),
                TimeZones.forRegion(kabupaten).getId(), range[0], range[1], by, asOf,
                metrics(all, new Backlog(open, needsInfo, overdue)), rows);
    }

    static Metrics metrics(Sums s, Backlog b) {
        int finished = s.completed + s.rejected;
        return new Metrics(s.filed, s.completed, s.rejected, s.cancelled, s.filed - finished - s.cancelled, s.onTime,
                finished == 0 ? null : round(s.onTime / (double) finished, 4),
                round(s.days.quantile(0.5), 2), round(s.days.quantile(0.9), 2), s.forwards,
                s.filed == 0 ? null : round(s.forwards / (double) s.filed, 4), b.open(), b.needsInfo(), b.overdue());
    }

    static Double round(Double value, int places) {
        if (value == null) {
            return null;
        }
        return java.math.BigDecimal.valueOf(value).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    public StatisticsViews.OverdueReport overdue(String kabupaten) {
        LocalDate today = today(kabupaten);
        Map<String, Backlog> backlog = store.backlog(kabupaten, GroupBy.OPD);
        Map<String, Named> opds = store.groups(kabupaten, GroupBy.OPD);
        Map<Long, LocalDate> oldest = store.oldestOverdue(kabupaten);
        List<StatisticsViews.OverdueRow> rows = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Named> e : opds.entrySet()) {
            Backlog b = backlog.getOrDefault(e.getKey(), Backlog.NONE);
            LocalDate due = oldest.get(e.getValue().id());
            total += b.overdue();
            rows.add(new StatisticsViews.OverdueRow(new Group(e.getValue().id(), e.getValue().code(), e.getValue().name()),
                    b.open(), b.needsInfo(), b.overdue(), due, due == null ? null : workingDays.between(kabupaten, due, today)));
        }
        rows.sort(Comparator.comparingInt(StatisticsViews.OverdueRow::overdue).reversed()
                .thenComparing(r -> r.oldestDueDate() == null ? LocalDate.MAX : r.oldestDueDate()));
        return new StatisticsViews.OverdueReport(kabupaten, today, clock.instant().truncatedTo(ChronoUnit.SECONDS), total, rows);
    }

    // --- CSV -------------------------------------------------------------------------------------------------------

    static final List<String> METRIC_COLUMNS = List.of("filed", "completed", "rejected", "cancelled", "open", "finished_on_time",
            "on_time_share", "median_working_days", "p90_working_days", "forwards", "forwards_per_request", "backlog", "needs_info",
            "overdue");

    public static byte[] csv(StatisticsViews.RequestStatistics s) {
        Csv csv = new Csv();
        List<Object> header = new ArrayList<>(List.of("level", "id", "code", "name"));
        header.addAll(METRIC_COLUMNS);
        csv.row(header.toArray());
        csv.row(cells("KABUPATEN", new Group(null, s.kabupatenCode(), s.kabupatenName()), s.total()));
        for (StatisticsViews.Row row : s.items()) {
            csv.row(cells(s.groupBy().name(), row.group(), row.metrics()));
        }
        return csv.bytes();
    }

    private static Object[] cells(String level, Group g, Metrics m) {
        return new Object[]{level, g.id(), g.code(), g.name(), m.filed(), m.completed(), m.rejected(), m.cancelled(), m.open(),
                m.finishedOnTime(), m.onTimeShare(), m.medianWorkingDays(), m.p90WorkingDays(), m.forwards(), m.forwardsPerRequest(),
                m.backlog(), m.needsInfo(), m.overdue()};
    }

    public static byte[] csv(StatisticsViews.OverdueReport r) {
        Csv csv = new Csv().row("opd_id", "opd_code", "opd_name", "backlog", "needs_info", "overdue", "oldest_due_date",
                "longest_overdue_working_days");
        for (StatisticsViews.OverdueRow row : r.items()) {
            csv.row(row.opd().id(), row.opd().code(), row.opd().name(), row.backlog(), row.needsInfo(), row.overdue(),
                    row.oldestDueDate(), row.longestOverdueWorkingDays());
        }
        return csv.bytes();
    }

}
