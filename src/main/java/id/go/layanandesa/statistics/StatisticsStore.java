package id.go.layanandesa.statistics;

import id.go.layanandesa.statistics.StatisticsViews.GroupBy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of the statistics rollups (V80) and of the names of what they group by, as typed rows. */
@ApplicationScoped
public class StatisticsStore {

    /** The rollup rows of one group over some days and months, summed. */
    public static final class Sums {
        public int filed;
        public int completed;
        public int rejected;
        public int cancelled;
        public int onTime;
        public int forwards;
        public final Histogram days = new Histogram();

        void add(ResultSet rs) throws SQLException {
            filed += rs.getInt("filed");
            completed += rs.getInt("completed");
            rejected += rs.getInt("rejected");
            cancelled += rs.getInt("cancelled");
            onTime += rs.getInt("on_time");
            forwards += rs.getInt("forwards");
            days.add(counts(rs.getString("finish_days")));
        }

        public void add(Sums o) {
            filed += o.filed;
            completed += o.completed;
            rejected += o.rejected;
            cancelled += o.cancelled;
            onTime += o.onTime;
            forwards += o.forwards;
            days.add(o.days);
        }
    }

    /** A histogram's counts from its text form, {@code {0,2,1}}: much cheaper than the driver's arrays. */
    static Integer[] counts(String text) {
        if (text == null || text.length() <= 2) {
            return new Integer[0];
        }
        String[] parts = text.substring(1, text.length() - 1).split(",");
        Integer[] counts = new Integer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            counts[i] = parts[i].equals("NULL") ? 0 : Integer.parseInt(parts[i]);
        }
        return counts;
    }

    public record Backlog(int open, int needsInfo, int overdue) {
        public static final Backlog NONE = new Backlog(0, 0, 0);
    }

    public record Named(Long id, String code, String name) {
    }

    public record OverdueOpd(long opdId, LocalDate oldestDueDate) {
    }

    @Inject
    DataSource dataSource;

    static String dim(GroupBy by) {
        return switch (by) {
            case OPD -> "O";
            case SERVICE -> "S";
            case KECAMATAN -> "K";
            case DESA -> "D";
        };
    }

    /**
     * Sums per group of the requests filed from {@code from} to {@code to} (inclusive): whole months from the month rows,
     * the days at either edge from the day rows. Nothing is filed after today, so a range that reaches today reads the
     * current month from its month row too.
     */
    public Map<String, Sums> cohort(String kabupaten, GroupBy by, LocalDate from, LocalDate to, LocalDate today) {
        LocalDate firstFull = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate endFull = to.plusDays(1).getDayOfMonth() == 1 || !to.isBefore(today) ? to.withDayOfMonth(1).plusMonths(1)
                : to.withDayOfMonth(1);
        LocalDate[] ranges;
        if (firstFull.isBefore(endFull)) {
            ranges = new LocalDate[]{firstFull, endFull, from, firstFull, endFull, endFull.isAfter(to) ? endFull : to.plusDays(1)};
        } else {
            ranges = new LocalDate[]{from, from, from, to.plusDays(1), from, from};
        }
        Map<String, Sums> sums = new LinkedHashMap<>();
        query("""
                select grp, filed, completed, rejected, cancelled, on_time, forwards, finish_days::text as finish_days
                  from stat_cohort
                 where kabupaten_code = ? and dim = ?
                   and ((period = 'M' and day >= ? and day < ?)
                     or (period = 'D' and day >= ? and day < ?)
                     or (period = 'D' and day >= ? and day < ?))""", ps -> {
            ps.setString(1, kabupaten);
            ps.setString(2, dim(by));
            for (int i = 0; i < ranges.length; i++) {
                ps.setDate(3 + i, Date.valueOf(ranges[i]));
            }
        }, rs -> sums.computeIfAbsent(rs.getString("grp"), g -> new Sums()).add(rs));
        return sums;
    }

    public Map<String, Backlog> backlog(String kabupaten, GroupBy by) {
        Map<String, Backlog> backlog = new LinkedHashMap<>();
        query("select grp, open, needs_info, overdue from stat_backlog where kabupaten_code = ? and dim = ?", ps -> {
            ps.setString(1, kabupaten);
            ps.setString(2, dim(by));
        }, rs -> backlog.put(rs.getString("grp"), new Backlog(rs.getInt("open"), rs.getInt("needs_info"), rs.getInt("overdue"))));
        return backlog;
    }

    /** Every group of the kabupaten, by its key in the rollups (id or region code), in a stable order. */
    public Map<String, Named> groups(String kabupaten, GroupBy by) {
        String sql = switch (by) {
            case OPD -> "select id, code, name from opd where kabupaten_code = ? order by code";
            case SERVICE -> "select id, code, name from service_type where kabupaten_code = ? order by code";
            case KECAMATAN -> "select null::bigint as id, code, name from region where level = 3 and kabupaten_code = ? order by code";
            case DESA -> "select null::bigint as id, code, name from region where level = 4 and kabupaten_code = ? order by code";
        };
        Map<String, Named> groups = new LinkedHashMap<>();
        query(sql, ps -> ps.setString(1, kabupaten), rs -> {
            long id = rs.getLong("id");
            Long boxed = rs.wasNull() ? null : id;
            String code = rs.getString("code");
            groups.put(boxed == null ? code : Long.toString(boxed), new Named(boxed, code, rs.getString("name")));
        });
        return groups;
    }

    public String regionName(String code) {
        List<String> names = new ArrayList<>();
        query("select name from region where code = ?", ps -> ps.setString(1, code), rs -> names.add(rs.getString(1)));
        return names.isEmpty() ? null : names.get(0);
    }

    /** The due date of the longest overdue request of each OPD of the kabupaten that has one. */
    public Map<Long, LocalDate> oldestOverdue(String kabupaten) {
        Map<Long, LocalDate> oldest = new LinkedHashMap<>();
        query("""
                select o.id, d.oldest
                  from opd o
                  cross join lateral (select min(r.due_date) as oldest from service_request r
                                       where r.opd_id = o.id and r.status in ('IN_PROGRESS', 'SUBMITTED')
                                         and r.overdue_flagged_at is not null) d
                 where o.kabupaten_code = ? and d.oldest is not null""", ps -> ps.setString(1, kabupaten),
                rs -> oldest.put(rs.getLong("id"), rs.getDate("oldest").toLocalDate()));
        return oldest;
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statistics query failed", e);
        }
    }
}
