package id.go.layanandesa.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the statistics look like on the wire: counts and times only, never a person. */
public final class StatisticsViews {

    private StatisticsViews() {
    }

    public enum GroupBy { OPD, SERVICE, KECAMATAN, DESA }

    public enum Format { JSON, CSV }

    @Schema(name = "StatisticsGroup", description = "What a row is about: an OPD or service (id, code, name), or a kecamatan or desa (code, name)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(
            @MayBeAbsent @Schema(description = "OPD or service type id; absent for regions", example = "1051") Long id,
            @MayBeAbsent @Schema(description = "OPD or service code, or region code", example = "DISDUKCAPIL") String code,
            @MayBeAbsent @Schema(example = "Dinas Kependudukan dan Pencatatan Sipil") String name) {
    }

    @Schema(name = "RequestMetrics", description = """
            Of the requests filed in the range (by filing day in the kabupaten's zone), grouped by where they are now (their \
            current OPD): how many, how they ended, how long the finished ones took. backlog, needsInfo and overdue are the \
            group's open work now, whatever its filing day.""")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metrics(
            @Schema(example = "120") int filed,
            @Schema(example = "90") int completed,
            @Schema(example = "6") int rejected,
            @Schema(example = "4") int cancelled,
            @Schema(description = "Still SUBMITTED, IN_PROGRESS or NEEDS_INFO", example = "20") int open,
            @Schema(description = "Completed or rejected on or before the due date (moved by the days waited in NEEDS_INFO)",
                    example = "80") int finishedOnTime,
            @MayBeAbsent @Schema(description = "finishedOnTime / (completed + rejected), 0 to 1; absent when none finished", example = "0.8333")
            Double onTimeShare,
            @MayBeAbsent @Schema(description = "Median working days from filing to finishing (completed or rejected), days in NEEDS_INFO "
                    + "left out; absent when none finished", example = "4.5") Double medianWorkingDays,
            @MayBeAbsent @Schema(description = "90th percentile of the same, interpolated like the median", example = "9.1") Double p90WorkingDays,
            @Schema(description = "Forwards to another OPD these requests went through", example = "7") int forwards,
            @MayBeAbsent @Schema(description = "forwards / filed; absent when none filed", example = "0.0583") Double forwardsPerRequest,
            @Schema(description = "Open now, whenever filed", example = "35") int backlog,
            @Schema(description = "Of the backlog, waiting on the desa (clock stopped)", example = "5") int needsInfo,
            @Schema(description = "Of the backlog, past the due date with the clock running (flagged by the overdue check)",
                    example = "3") int overdue) {
    }

    @Schema(name = "RequestStatisticsRow")
    public record Row(Group group, Metrics metrics) {
    }

    @Schema(name = "RequestStatistics", description = "Request statistics of the caller's kabupaten over a date range")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestStatistics(
            @Schema(example = "73.24") String kabupatenCode,
            @MayBeAbsent @Schema(example = "Kabupaten Luwu Timur") String kabupatenName,
            @Schema(description = "The zone dates are in", example = "Asia/Makassar") String zone,
            @Schema(example = "2026-01-01") LocalDate from,
            @Schema(example = "2026-12-31") LocalDate to,
            @Schema(example = "OPD") GroupBy groupBy,
            @Schema(description = "When these figures were read", example = "2026-12-31T08:00:00Z") Instant asOf,
            @Schema(description = "The whole kabupaten") Metrics total,
            @Schema(description = "One row per group of the kabupaten, also those with nothing") List<Row> items) {
    }

    @Schema(name = "OverdueRow")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OverdueRow(
            Group opd,
            @Schema(description = "Open now", example = "35") int backlog,
            @Schema(description = "Waiting on the desa now", example = "5") int needsInfo,
            @Schema(description = "Past due with the clock running", example = "3") int overdue,
            @MayBeAbsent @Schema(description = "Due date of the longest overdue request", example = "2026-11-20") LocalDate oldestDueDate,
            @MayBeAbsent @Schema(description = "Working days that one is past due", example = "6") Integer longestOverdueWorkingDays) {
    }

    @Schema(name = "OverdueReport", description = "Overdue work per OPD, most overdue first")
    public record OverdueReport(
            @Schema(example = "73.24") String kabupatenCode,
            @Schema(example = "2026-11-30") LocalDate today,
            @Schema(example = "2026-11-30T08:00:00Z") Instant asOf,
            @Schema(description = "Sum over the OPDs") int overdue,
            List<OverdueRow> items) {
    }
}
