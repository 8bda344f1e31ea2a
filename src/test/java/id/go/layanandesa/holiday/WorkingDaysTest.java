package id.go.layanandesa.holiday;

import id.go.layanandesa.common.TimeZones;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Due dates in working days, and the zone of every province: the rules, without a database. */
class WorkingDaysTest {

    @ParameterizedTest(name = "{0} + {1} working days, holidays [{2}] = {3}")
    @CsvSource(delimiter = '|', value = {
            "2026-11-27 | 1  | ''                      | 2026-11-30", // Friday + 1 = Monday
            "2026-11-28 | 1  | ''                      | 2026-11-30", // Saturday + 1 = Monday
            "2026-11-30 | 5  | ''                      | 2026-12-07", // Monday + 5 = next Monday
            "2026-11-30 | 14 | ''                      | 2026-12-18",
            "2026-12-23 | 3  | 2026-12-25 2026-12-24   | 2026-12-30", // Christmas and joint leave skipped
            "2026-12-31 | 1  | 2027-01-01              | 2027-01-04", // over the year's end and New Year
            "2026-11-30 | 0  | ''                      | 2026-11-30",
            "2026-11-30 | 1  | 2026-11-29              | 2026-12-01"}) // a Sunday holiday changes nothing
    void dueDatesSkipWeekendsAndHolidays(LocalDate start, int days, String holidays, LocalDate due) {
        Set<LocalDate> off = holidays.isBlank() ? Set.of()
                : Arrays.stream(holidays.split(" ")).map(LocalDate::parse).collect(Collectors.toSet());
        assertEquals(due, WorkingDays.addWorkingDays(start, days, off));
    }

    @ParameterizedTest(name = "province {0}: {1}")
    @CsvSource({"11,Asia/Jakarta", "19,Asia/Jakarta", "21,Asia/Jakarta", "31,Asia/Jakarta", "36,Asia/Jakarta", "61,Asia/Jakarta",
            "62,Asia/Jakarta", "51,Asia/Makassar", "53,Asia/Makassar", "63,Asia/Makassar", "65,Asia/Makassar", "71,Asia/Makassar",
            "73,Asia/Makassar", "76,Asia/Makassar", "81,Asia/Jayapura", "82,Asia/Jayapura", "91,Asia/Jayapura", "96,Asia/Jayapura"})
    void everyProvinceHasItsZone(String province, ZoneId zone) {
        assertEquals(zone, TimeZones.forRegion(province));
        assertEquals(zone, TimeZones.forRegion(province + ".01.02.2003"));
    }
}
