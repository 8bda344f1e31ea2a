package id.go.layanandesa.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The survey on the wire. */
public final class SurveyViews {

    private SurveyViews() {
    }

    @Schema(name = "SurveyScores", description = "Each of the nine elements of PermenPANRB 14/2017 on the 1–4 scale "
            + "(1 tidak baik, 2 kurang baik, 3 baik, 4 sangat baik)")
    public record Scores(
            @NotNull @Min(1) @Max(4) @Schema(description = "U1 persyaratan", example = "4") Integer persyaratan,
            @NotNull @Min(1) @Max(4) @Schema(description = "U2 sistem, mekanisme, dan prosedur", example = "3") Integer prosedur,
            @NotNull @Min(1) @Max(4) @Schema(description = "U3 waktu penyelesaian", example = "3") Integer waktu,
            @NotNull @Min(1) @Max(4) @Schema(description = "U4 biaya/tarif", example = "4") Integer biaya,
            @NotNull @Min(1) @Max(4) @Schema(description = "U5 produk spesifikasi jenis pelayanan", example = "4") Integer produk,
            @NotNull @Min(1) @Max(4) @Schema(description = "U6 kompetensi pelaksana", example = "3") Integer kompetensi,
            @NotNull @Min(1) @Max(4) @Schema(description = "U7 perilaku pelaksana", example = "4") Integer perilaku,
            @NotNull @Min(1) @Max(4) @Schema(description = "U8 penanganan pengaduan, saran dan masukan", example = "3") Integer pengaduan,
            @NotNull @Min(1) @Max(4) @Schema(description = "U9 sarana dan prasarana", example = "3") Integer sarana) {

        /** In the order of {@link IkmElement}. */
        public int[] inOrder() {
            return new int[]{persyaratan, prosedur, waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana};
        }
    }

    @Schema(name = "SurveyAnswer", description = "One citizen's answer about one finished request")
    public record Answer(
            @Valid @NotNull Scores scores,
            @Size(max = 1000) @Schema(description = "In the citizen's own words; kept for the kabupaten, never published",
                    example = "Petugas ramah, tetapi antrean lama") String comment) {
    }

    @Schema(name = "SurveyAvailability", description = "Whether the request's survey can be answered")
    public enum State {
        /** The request is not completed or rejected yet. */
        NOT_FINISHED,
        /** Finished and not answered: the survey may be answered once. */
        OPEN,
        /** Answered already. */
        ANSWERED,
        /** Cancelled: there is no service to rate. */
        CLOSED
    }

    @Schema(name = "SurveyElement")
    public record Element(@Schema(example = "PERSYARATAN") IkmElement code, @Schema(example = "Persyaratan") String title,
                          @Schema(example = "Kesesuaian persyaratan pelayanan dengan jenis pelayanannya") String question) {
    }

    @Schema(name = "SurveyState", description = "Whether the survey of a request can be answered, and what it asks")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SurveyState(
            @Schema(example = "K7M2-QX9P-RT") String trackingCode,
            @Schema(example = "OPEN") State state,
            @MayBeAbsent @Schema(description = "When it was answered", example = "2026-12-03T04:00:00Z") Instant answeredAt,
            @Schema(description = "The nine elements, each rated 1 (tidak baik) to 4 (sangat baik)") List<Element> elements) {
    }

    @Schema(name = "SurveyReceipt", description = "The answer was recorded")
    public record Receipt(
            @Schema(example = "K7M2-QX9P-RT") String trackingCode,
            @Schema(description = "ONLINE from the citizen, PAPER when a desa officer recorded a paper form", example = "ONLINE") String channel,
            @Schema(example = "2026-12-03T04:00:00Z") Instant answeredAt) {
    }

    static List<Element> elements() {
        return java.util.Arrays.stream(IkmElement.values()).map(e -> new Element(e, e.title(), e.question())).toList();
    }
}
