package id.go.layanandesa.statistics;

import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.statistics.IkmViews.IkmGroupBy;
import id.go.layanandesa.statistics.StatisticsViews.Format;
import id.go.layanandesa.statistics.StatisticsViews.GroupBy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The kabupaten's figures for its leaders (VIEWER) and its Bagian Organisasi (ADMIN): request statistics, overdue work
 * per OPD, the satisfaction index and the monthly open data. Counts and times only: no name, NIK, phone or address.
 * Each answers JSON or CSV (RFC 4180, UTF-8 with a byte order mark), by {@code format} or else by Accept.
 */
@Path("/api/v1/statistics")
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
@Tag(name = "Statistics")
@RolesAllowed({Role.ADMIN_, Role.VIEWER_})
public class StatisticsResource {

    private static final String CSV_DESCRIPTION = "The same figures as CSV (RFC 4180, UTF-8 with a byte order mark, a header row)";

    @Inject
    Caller caller;

    @Inject
    StatisticsService statistics;

    @Inject
    IkmService ikm;

    @Inject
    OpenData openData;

    @GET
    @Path("/requests")
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "requestStatistics", summary = "Request statistics per OPD, service, kecamatan or desa over a date range",
            description = """
                    Of the requests filed from `from` to `to` (inclusive, by filing day in the kabupaten's zone), per group by \
                    where they are now: filed, completed, rejected, cancelled, open; the share finished (completed or rejected) \
                    on or before the due date; median and 90th percentile working days to finish (days waiting on the desa in \
                    NEEDS_INFO left out); forwards per request. With each group's current backlog, requests waiting on the desa \
                    and overdue requests. Every group of the kabupaten has a row, also those with nothing. Defaults: this year \
                    up to today. Read from rollups kept in the same transaction as every change: the cost depends on the \
                    range and the number of groups, not on the number of requests.""")
    @APIResponse(responseCode = "200", description = "The statistics",
            headers = @Header(name = "Content-Disposition", description = "For CSV: a file name to save it under",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatisticsViews.RequestStatistics.class)),
                    @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = CSV_DESCRIPTION),
                            example = "level,id,code,name,filed,completed,rejected,cancelled,open,finished_on_time,on_time_share,"
                                    + "median_working_days,p90_working_days,forwards,forwards_per_request,backlog,needs_info,overdue\r\n"
                                    + "KABUPATEN,,73.24,Kabupaten Luwu Timur,120,90,6,4,20,80,0.8333,4.5,9.1,7,0.0583,35,5,3\r\n"
                                    + "OPD,1051,DISDUKCAPIL,Dinas Kependudukan dan Pencatatan Sipil,80,62,2,3,13,55,0.8594,4,8,2,0.025,20,3,1\r\n")})
    @APIResponse(responseCode = "400", description = "A date, the range (at most 10 years, to not before from), groupBy or format is invalid")
    @APIResponse(responseCode = "406", description = "Accept names neither JSON nor CSV")
    public Response requests(
            @Parameter(description = "First filing day (default: 1 January of this year)", example = "2026-01-01") @QueryParam("from") LocalDate from,
            @Parameter(description = "Last filing day, inclusive (default: today)", example = "2026-12-31") @QueryParam("to") LocalDate to,
            @Parameter(description = "OPD (default), SERVICE, KECAMATAN or DESA") @QueryParam("groupBy") @DefaultValue("OPD") GroupBy groupBy,
            @Parameter(description = "JSON or CSV; without it, Accept decides (JSON unless it prefers text/csv)") @QueryParam("format") Format format,
            @Context HttpHeaders headers) {
        StatisticsViews.RequestStatistics s = statistics.requests(caller.kabupatenCode(), from, to, groupBy);
        return answer(format, headers, s, StatisticsService::csv,
                "statistik-permohonan-" + s.kabupatenCode() + "-" + s.from() + "-" + s.to() + "-" + s.groupBy().name().toLowerCase());
    }

    @GET
    @Path("/overdue")
    @Operation(operationId = "overdueWork", summary = "Overdue work per OPD, now",
            description = "For every OPD of the kabupaten: its open requests, those waiting on the desa, those past their due "
                    + "date with the clock running (flagged by the overdue check, which runs every minute), and the longest "
                    + "overdue one. Most overdue first.")
    @APIResponse(responseCode = "200", description = "Overdue work per OPD",
            headers = @Header(name = "Content-Disposition", description = "For CSV: a file name to save it under",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatisticsViews.OverdueReport.class)),
                    @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = CSV_DESCRIPTION),
                            example = "opd_id,opd_code,opd_name,backlog,needs_info,overdue,oldest_due_date,longest_overdue_working_days\r\n"
                                    + "1051,DISDUKCAPIL,Dinas Kependudukan dan Pencatatan Sipil,20,3,1,2026-11-20,6\r\n")})
    @APIResponse(responseCode = "400", description = "format is invalid")
    @APIResponse(responseCode = "406", description = "Accept names neither JSON nor CSV")
    public Response overdue(
            @Parameter(description = "JSON or CSV; without it, Accept decides") @QueryParam("format") Format format,
            @Context HttpHeaders headers) {
        StatisticsViews.OverdueReport r = statistics.overdue(caller.kabupatenCode());
        return answer(format, headers, r, StatisticsService::csv, "terlambat-" + r.kabupatenCode() + "-" + r.today());
    }

    @GET
    @Path("/ikm")
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "satisfactionIndex", summary = "Indeks Kepuasan Masyarakat per OPD or service over a period",
            description = """
                    From the survey answers given from `from` to `to` (by answer day in the kabupaten's zone), per OPD that \
                    finished the request or per service, as PermenPANRB 14/2017 computes it: the average of each of the nine \
                    elements (NRR), the index IKM = 25 × the mean of the nine averages (25–100) and its grade (A 88.31–100, \
                    B 76.61–88.30, C 65.00–76.60, D 25.00–64.99), with the number of respondents. Comments are never part of \
                    it. Defaults: this year up to today.""")
    @APIResponse(responseCode = "200", description = "The index",
            headers = @Header(name = "Content-Disposition", description = "For CSV: a file name to save it under",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IkmViews.Report.class)),
                    @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = CSV_DESCRIPTION),
                            example = "level,id,code,name,respondents,nrr_persyaratan,nrr_prosedur,nrr_waktu,nrr_biaya,nrr_produk,"
                                    + "nrr_kompetensi,nrr_perilaku,nrr_pengaduan,nrr_sarana,ikm,grade,grade_label\r\n"
                                    + "KABUPATEN,,73.24,Kabupaten Luwu Timur,4,3.25,3.5,3,4,3.75,3.25,3.5,3,3.25,86.81,B,Baik\r\n")})
    @APIResponse(responseCode = "400", description = "A date, the range, groupBy or format is invalid")
    @APIResponse(responseCode = "406", description = "Accept names neither JSON nor CSV")
    public Response ikm(
            @Parameter(description = "First answer day (default: 1 January of this year)", example = "2026-01-01") @QueryParam("from") LocalDate from,
            @Parameter(description = "Last answer day, inclusive (default: today)", example = "2026-06-30") @QueryParam("to") LocalDate to,
            @Parameter(description = "OPD (default) or SERVICE") @QueryParam("groupBy") @DefaultValue("OPD") IkmGroupBy groupBy,
            @Parameter(description = "JSON or CSV; without it, Accept decides") @QueryParam("format") Format format,
            @Context HttpHeaders headers) {
        IkmViews.Report r = ikm.index(caller.kabupatenCode(), from, to, groupBy);
        return answer(format, headers, r, IkmService::csv,
                "ikm-" + r.kabupatenCode() + "-" + r.from() + "-" + r.to() + "-" + r.groupBy().name().toLowerCase());
    }

    @GET
    @Path("/open-data")
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "openDataMonth", summary = "One month as open data (Satu Data Indonesia), without personal data",
            description = """
                    The requests filed in the month (by filing day in the kabupaten's zone) per service, per OPD and per \
                    kecamatan, as they stand now: how many, completed, rejected, cancelled, still in process, percent on time, \
                    median and 90th percentile working days; each row with the province's and kabupaten's codes and names \
                    (Kepmendagri) and the kecamatan's region code. The CSV is ready to publish as it is; the JSON carries the \
                    same rows under a metadata header (title, publisher, period, zone, licence, what each column means).""")
    @APIResponse(responseCode = "200", description = "The month",
            headers = @Header(name = "Content-Disposition", description = "For CSV: a file name to save it under",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenData.Month.class)),
                    @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = "The rows as CSV "
                            + "(RFC 4180, UTF-8 with a byte order mark), columns in the Indonesian names of the metadata"),
                            example = "kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,tahun,bulan,dimensi,kode,nama,"
                                    + "kode_wilayah,jumlah_permohonan,jumlah_selesai,jumlah_ditolak,jumlah_dibatalkan,jumlah_dalam_proses,"
                                    + "persen_tepat_waktu,median_hari_kerja,persentil_90_hari_kerja\r\n"
                                    + "73,Sulawesi Selatan,73.24,Kabupaten Luwu Timur,2026,3,KECAMATAN,73.24.04,Malili,73.24.04,"
                                    + "120,100,5,3,12,87.62,4,9\r\n")})
    @APIResponse(responseCode = "400", description = "month is missing or not YYYY-MM, or format is invalid")
    @APIResponse(responseCode = "406", description = "Accept names neither JSON nor CSV")
    public Response openData(
            @Parameter(description = "The month, YYYY-MM", required = true, example = "2026-03") @QueryParam("month") String month,
            @Parameter(description = "JSON or CSV; without it, Accept decides") @QueryParam("format") Format format,
            @Context HttpHeaders headers) {
        YearMonth m = yearMonth(month);
        OpenData.Month data = openData.month(caller.kabupatenCode(), m);
        return answer(format, headers, data, OpenData::csv, "layanan-desa-" + caller.kabupatenCode() + "-" + m);
    }

    private static YearMonth yearMonth(String month) {
        if (month == null || month.isBlank()) {
            throw ProblemException.invalid("month", "is required, as YYYY-MM");
        }
        try {
            YearMonth m = YearMonth.parse(month.strip());
            if (m.getYear() < 2000 || m.getYear() > 2999) {
                throw ProblemException.invalid("month", "must be a month of the years 2000 to 2999");
            }
            return m;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("month", "must be a month as YYYY-MM, e.g. 2026-03");
        }
    }

    /** JSON, or CSV when asked for by format or, without it, when Accept prefers it. */
    static <T> Response answer(Format format, HttpHeaders headers, T body, Function<T, byte[]> csv, String fileName) {
        if (wantsCsv(format, headers)) {
            return Response.ok(csv.apply(body), Csv.CONTENT_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + fileName + ".csv\"").build();
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    static boolean wantsCsv(Format format, HttpHeaders headers) {
        if (format != null) {
            return format == Format.CSV;
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (accepted.isCompatible(MediaType.valueOf(Csv.MEDIA_TYPE))) {
                return true;
            }
        }
        return false;
    }
}
