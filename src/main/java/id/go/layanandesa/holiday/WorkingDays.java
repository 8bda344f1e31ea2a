package id.go.layanandesa.holiday;

import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.common.TransactionSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** Due dates in working days: Monday to Friday, less the kabupaten's holidays, in the kabupaten's zone. */
@ApplicationScoped
public class WorkingDays {

    private static final String HOLIDAYS = "select day from holiday where kabupaten_code = ? and day > ? and day <= ?";

    @Inject
    TransactionSql sql;

    /** The local date, in the kabupaten's zone, of an instant. */
    public LocalDate localDate(String kabupatenCode, Instant instant) {
        return instant.atZone(TimeZones.forRegion(kabupatenCode)).toLocalDate();
    }

    /**
     * The date {@code days} working days after the day of {@code filedAt}: a request filed on Friday
     * with a limit of 1 day is due the next Monday (or the next working day after it).
     */
    public LocalDate dueDate(String kabupatenCode, Instant filedAt, int days) {
        LocalDate start = localDate(kabupatenCode, filedAt);
        // Weekends alone stretch n working days over at most n + 2 * (n / 5 + 1) calendar days;
        // holidays stretch it further, so fetch a generous window once.
        LocalDate horizon = start.plusDays(days * 2L + 60);
        return addWorkingDays(start, days, holidays(kabupatenCode, start, horizon));
    }

    /** The date {@code days} working days after {@code date}, in the kabupaten's calendar. */
    public LocalDate plus(String kabupatenCode, LocalDate date, int days) {
        return addWorkingDays(date, days, holidays(kabupatenCode, date, date.plusDays(days * 2L + 60)));
    }

    /** Working days d with {@code from < d <= to}: 0 when {@code to} is not after {@code from}. */
    public int between(String kabupatenCode, LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        return countWorkingDays(from, to, holidays(kabupatenCode, from, to));
    }

    /**
     * The kabupaten's holidays d with {@code after < d <= upTo}. Holidays are only added and removed by their own
     * calls, each in a transaction of its own, so no change of them waits unwritten in the persistence context here.
     */
    private Set<LocalDate> holidays(String kabupatenCode, LocalDate after, LocalDate upTo) {
        return new HashSet<>(sql.list(HOLIDAYS, row -> row.getObject("day", LocalDate.class), kabupatenCode, after, upTo));
    }

    static int countWorkingDays(LocalDate from, LocalDate to, Set<LocalDate> holidays) {
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d)) {
                count++;
            }
        }
        return count;
    }

    static LocalDate addWorkingDays(LocalDate start, int days, Set<LocalDate> holidays) {
        LocalDate date = start;
        int left = days;
        while (left > 0) {
            date = date.plusDays(1);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(date)) {
                left--;
            }
        }
        return date;
    }
}
