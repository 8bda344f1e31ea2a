package id.go.layanandesa.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.statistics.StatisticsStore.Named;
import id.go.layanandesa.statistics.StatisticsStore.Sums;
import id.go.layanandesa.statistics.StatisticsViews.GroupBy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A month of the service as open data (Satu Data Indonesia): counts and times of the requests filed in the month per
 * service, OPD and kecamatan, with the region codes of Kepmendagri, and nothing about any person. A kabupaten publishes
 * the CSV as it is; the JSON carries the same rows under a small metadata header (title, publisher, period, zone,
 * licence, what each column means).
 */
@ApplicationScoped
public class OpenData {

    public static final List<String> COLUMNS = List.of("kode_provinsi", "nama_provinsi", "kode_kabupaten_kota", "nama_kabupaten_kota",
            "tahun", "bulan", "dimensi", "kode", "nama", "kode_wilayah", "jumlah_permohonan", "jumlah_selesai", "jumlah_ditolak",
            "jumlah_dibatalkan", "jumlah_dalam_proses", "persen_tepat_waktu", "median_hari_kerja", "persentil_90_hari_kerja");

    private static final List<String> DESCRIPTIONS = List.of("Kode provinsi (Kepmendagri)", "Nama provinsi",
            "Kode kabupaten/kota (Kepmendagri)", "Nama kabupaten/kota", "Tahun pengajuan", "Bulan pengajuan (1-12)",
            "LAYANAN, OPD atau KECAMATAN", "Kode layanan, kode OPD atau kode kecamatan", "Nama layanan, OPD atau kecamatan",
            "Kode wilayah kecamatan (baris KECAMATAN)", "Permohonan yang diajukan dalam bulan ini",
            "Dari jumlah itu, yang selesai (dokumen/hasil diberikan)", "Dari jumlah itu, yang ditolak",
            "Dari jumlah itu, yang dibatalkan oleh desa", "Dari jumlah itu, yang masih diproses saat data diambil",
            "Persen yang selesai atau ditolak paling lambat pada batas waktunya, dari yang selesai atau ditolak",
            "Median hari kerja dari pengajuan sampai selesai atau ditolak, tanpa hari menunggu kelengkapan dari desa",
            "Persentil ke-90 hari kerja yang sama");

    @Schema(name = "OpenDataColumn")
    public record Column(@Schema(example = "jumlah_permohonan") String name,
                         @Schema(example = "Permohonan yang diajukan dalam bulan ini") String description) {
    }

    @Schema(name = "OpenDataMetadata")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(
            @Schema(example = "Kinerja Layanan Desa Online Kabupaten Luwu Timur, 2026-03") String title,
            @MayBeAbsent @Schema(example = "Kabupaten Luwu Timur") String publisher,
            @Schema(example = "73.24") String regionCode,
            @Schema(example = "2026-03") String period,
            @Schema(example = "Asia/Makassar") String zone,
            @Schema(example = "2026-04-01T00:00:00Z") Instant generatedAt,
            @Schema(example = "CC-BY-4.0") String license,
            @Schema(example = "Bulanan") String frequency,
            @Schema(description = "What the rows count") String description,
            List<Column> columns) {
    }

    @Schema(name = "OpenDataRow")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(
            @Schema(example = "73") String kodeProvinsi, @MayBeAbsent @Schema(example = "Sulawesi Selatan") String namaProvinsi,
            @Schema(example = "73.24") String kodeKabupatenKota, @MayBeAbsent @Schema(example = "Kabupaten Luwu Timur") String namaKabupatenKota,
            @Schema(example = "2026") int tahun, @Schema(example = "3") int bulan,
            @Schema(example = "KECAMATAN") String dimensi, @Schema(example = "73.24.04") String kode,
            @Schema(example = "Malili") String nama,
            @MayBeAbsent @Schema(description = "The kecamatan's region code, on KECAMATAN rows", example = "73.24.04") String kodeWilayah,
            @Schema(example = "120") int jumlahPermohonan, @Schema(example = "100") int jumlahSelesai,
            @Schema(example = "5") int jumlahDitolak, @Schema(example = "3") int jumlahDibatalkan,
            @Schema(example = "12") int jumlahDalamProses,
            @MayBeAbsent @Schema(description = "Absent when none finished", example = "87.62") Double persenTepatWaktu,
            @MayBeAbsent @Schema(example = "4") Double medianHariKerja, @MayBeAbsent @Schema(example = "9") Double persentil90HariKerja) {
    }

    @Schema(name = "OpenDataMonth", description = "One month of the service as open data: metadata and rows")
    public record Month(Metadata metadata, List<Row> rows) {
    }

    @Inject
    StatisticsStore store;

    @Inject
    Clock clock;

    public Month month(String kabupaten, YearMonth month) {
        String province = kabupaten.substring(0, 2);
        String provinceName = store.regionName(province);
        String kabupatenName = store.regionName(kabupaten);
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        List<Row> rows = new ArrayList<>();
        for (GroupBy by : List.of(GroupBy.SERVICE, GroupBy.OPD, GroupBy.KECAMATAN)) {
            Map<String, Sums> sums = store.cohort(kabupaten, by, from, to, java.time.LocalDate.now(clock.withZone(TimeZones.forRegion(kabupaten))));
            for (Map.Entry<String, Named> g : store.groups(kabupaten, by).entrySet()) {
                Sums s = sums.getOrDefault(g.getKey(), new Sums());
                int finished = s.completed + s.rejected;
                rows.add(new Row(province, provinceName, kabupaten, kabupatenName, month.getYear(), month.getMonthValue(),
                        by == GroupBy.SERVICE ? "LAYANAN" : by.name(), g.getValue().code(), g.getValue().name(),
                        by == GroupBy.KECAMATAN ? g.getValue().code() : null, s.filed, s.completed, s.rejected, s.cancelled,
                        s.filed - finished - s.cancelled,
                        finished == 0 ? null : StatisticsService.round(100.0 * s.onTime / finished, 2),
                        StatisticsService.round(s.days.quantile(0.5), 2), StatisticsService.round(s.days.quantile(0.9), 2)));
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            columns.add(new Column(COLUMNS.get(i), DESCRIPTIONS.get(i)));
        }
        Metadata metadata = new Metadata("Kinerja Layanan Desa Online " + kabupatenName + ", " + month, kabupatenName, kabupaten,
                month.toString(), TimeZones.forRegion(kabupaten).getId(), clock.instant().truncatedTo(ChronoUnit.SECONDS), "CC-BY-4.0",
                "Bulanan", "Permohonan layanan yang diajukan warga melalui desa/kelurahan dalam bulan " + month
                + " (menurut tanggal pengajuan, zona waktu kabupaten), per layanan, per OPD yang menanganinya dan per kecamatan, "
                + "dalam keadaan saat data diambil. Tanpa data pribadi.", columns);
        return new Month(metadata, rows);
    }

    public static byte[] csv(Month month) {
        Csv csv = new Csv().row(COLUMNS.toArray());
        for (Row r : month.rows()) {
            csv.row(r.kodeProvinsi(), r.namaProvinsi(), r.kodeKabupatenKota(), r.namaKabupatenKota(), r.tahun(), r.bulan(), r.dimensi(),
                    r.kode(), r.nama(), r.kodeWilayah(), r.jumlahPermohonan(), r.jumlahSelesai(), r.jumlahDitolak(), r.jumlahDibatalkan(),
                    r.jumlahDalamProses(), r.persenTepatWaktu(), r.medianHariKerja(), r.persentil90HariKerja());
        }
        return csv.bytes();
    }
}
