package id.go.layanandesa.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.survey.Ikm;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The satisfaction index on the wire. */
public final class IkmViews {

    private IkmViews() {
    }

    public enum IkmGroupBy { OPD, SERVICE }

    @Schema(name = "IkmElementAverages", description = "Nilai rata-rata (NRR) of each element: the mean of its 1–4 scores, to 3 decimals")
    public record ElementAverages(
            @Schema(example = "3.25") BigDecimal persyaratan, @Schema(example = "3.5") BigDecimal prosedur,
            @Schema(example = "3") BigDecimal waktu, @Schema(example = "4") BigDecimal biaya,
            @Schema(example = "3.75") BigDecimal produk, @Schema(example = "3.25") BigDecimal kompetensi,
            @Schema(example = "3.5") BigDecimal perilaku, @Schema(example = "3") BigDecimal pengaduan,
            @Schema(example = "3.25") BigDecimal sarana) {

        static ElementAverages of(List<BigDecimal> a) {
            return new ElementAverages(a.get(0), a.get(1), a.get(2), a.get(3), a.get(4), a.get(5), a.get(6), a.get(7), a.get(8));
        }
    }

    @Schema(name = "IkmRow", description = "The index of one group; averages, index and grade are absent without respondents")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(
            StatisticsViews.Group group,
            @Schema(example = "4") long respondents,
            @MayBeAbsent ElementAverages elementAverages,
            @MayBeAbsent @Schema(description = "25 × the mean of the nine element averages, to 2 decimals (25–100)", example = "86.81") BigDecimal ikm,
            @MayBeAbsent @Schema(description = "A 88.31–100, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99", example = "B") Ikm.Grade grade,
            @MayBeAbsent @Schema(description = "Mutu pelayanan", example = "Baik") String gradeLabel) {
    }

    @Schema(name = "IkmReport", description = "Indeks Kepuasan Masyarakat of the caller's kabupaten over a period (by answer day)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(
            @Schema(example = "73.24") String kabupatenCode,
            @MayBeAbsent @Schema(example = "Kabupaten Luwu Timur") String kabupatenName,
            @Schema(example = "Asia/Makassar") String zone,
            @Schema(example = "2026-01-01") LocalDate from,
            @Schema(example = "2026-06-30") LocalDate to,
            @Schema(example = "OPD") IkmGroupBy groupBy,
            @Schema(example = "2026-07-01T01:00:00Z") Instant asOf,
            @Schema(description = "The whole kabupaten") Row total,
            @Schema(description = "One row per OPD or service of the kabupaten, also those without respondents") List<Row> items) {
    }
}
