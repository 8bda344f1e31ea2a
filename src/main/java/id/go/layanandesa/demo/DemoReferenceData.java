package id.go.layanandesa.demo;

import id.go.layanandesa.catalog.DocumentDefinition;
import id.go.layanandesa.catalog.FieldDefinition;
import id.go.layanandesa.catalog.FieldType;
import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.holiday.Holiday;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.opd.OpdKind;
import id.go.layanandesa.region.Region;
import id.go.layanandesa.routing.RoutingRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo kabupaten's regions, OPDs, catalog, routing rules and holidays. Region names are the
 * Kepmendagri ones; the catalog follows the usual standar pelayanan of a Disdukcapil, Dinsos, DPMPTSP,
 * PUPR, BPBD, kecamatan office and Puskesmas. Holidays here are demo data only: real ones are entered by
 * the kabupaten's admin each year.
 */
@ApplicationScoped
public class DemoReferenceData {

    static final String KABUPATEN = DemoLoader.KABUPATEN;

    /** Kepmendagri codes and names of the demo regions, parents first. */
    static final String[][] REGIONS = {
            {"73", "Sulawesi Selatan"},
            {"73.24", "Kabupaten Luwu Timur"},
            {"73.24.01", "Mangkutana"},
            {"73.24.02", "Nuha"},
            {"73.24.03", "Towuti"},
            {"73.24.04", "Malili"},
            {"73.24.05", "Angkona"},
            {"73.24.06", "Wotu"},
            {"73.24.07", "Burau"},
            {"73.24.08", "Tomoni"},
            {"73.24.09", "Tomoni Timur"},
            {"73.24.10", "Kalaena"},
            {"73.24.11", "Wasuponda"},
            {"73.24.01.2001", "Maleku"},
            {"73.24.01.2002", "Wonorejo"},
            {"73.24.02.1007", "Magani"},
            {"73.24.02.2005", "Matano"},
            {"73.24.02.2009", "Sorowako"},
            {"73.24.03.2004", "Wawondula"},
            {"73.24.04.1003", "Malili"},
            {"73.24.04.2001", "Harapan"},
            {"73.24.04.2002", "Laskap"},
            {"73.24.04.2014", "Pasi-Pasi"},
            {"73.24.05.2001", "Tawakua"},
            {"73.24.06.2001", "Lampenai"},
            {"73.24.07.2001", "Burau"},
            {"73.24.08.1003", "Tomoni"},
            {"73.24.09.2001", "Kertoraharjo"},
            {"73.24.10.2001", "Kalaena Kiri"},
            {"73.24.11.2001", "Ledu Ledu"},
    };

    @Inject
    Clock clock;

    /** Loads everything and returns a one-line summary of what it loaded. */
    public String load() {
        Instant now = clock.instant();
        for (String[] r : REGIONS) {
            Region.of(r[0], r[1]).persist();
        }
        Region.flush();

        Map<String, Opd> opds = new LinkedHashMap<>();
        opd(opds, now, "DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", OpdKind.DINAS, null, false);
        opd(opds, now, "DINSOS", "Dinas Sosial", OpdKind.DINAS, null, false);
        opd(opds, now, "DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", OpdKind.DINAS, null, false);
        opd(opds, now, "DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", OpdKind.DINAS, null, false);
        opd(opds, now, "BPBD", "Badan Penanggulangan Bencana Daerah", OpdKind.BADAN, null, false);
        opd(opds, now, "DINKES", "Dinas Kesehatan", OpdKind.DINAS, null, false);
        opd(opds, now, "PKM_MALILI", "UPT Puskesmas Malili", OpdKind.UPT, "73.24.04", false);
        opd(opds, now, "PKM_NUHA", "UPT Puskesmas Nuha", OpdKind.UPT, "73.24.02", false);
        opd(opds, now, "CAMAT_MALILI", "Kantor Camat Malili", OpdKind.KECAMATAN, "73.24.04", false);
        opd(opds, now, "CAMAT_NUHA", "Kantor Camat Nuha", OpdKind.KECAMATAN, "73.24.02", false);
        opd(opds, now, "ORGANISASI", "Bagian Organisasi Sekretariat Daerah", OpdKind.BAGIAN, null, true);

        List<ServiceType> types = catalog(opds, now);
        int rules = routingRules(opds, types, now);
        int holidays = holidays();
        return REGIONS.length + " regions, " + opds.size() + " OPDs, " + types.size() + " service types, "
                + rules + " routing rules, " + holidays + " holidays";
    }

    private static void opd(Map<String, Opd> opds, Instant now, String code, String name, OpdKind kind, String region,
                            boolean triage) {
        Opd o = new Opd();
        o.kabupatenCode = KABUPATEN;
        o.code = code;
        o.name = name;
        o.kind = kind;
        o.regionCode = region;
        o.triage = triage;
        o.email = code.toLowerCase().replace('_', '.') + "@luwutimurkab.go.id";
        o.address = "Kompleks Perkantoran Puncak Indah, Malili";
        o.createdAt = now;
        o.updatedAt = now;
        o.persistWithQueueState();
        opds.put(code, o);
    }

    private List<ServiceType> catalog(Map<String, Opd> opds, Instant now) {
        List<ServiceType> types = new ArrayList<>();
        Opd dukcapil = opds.get("DISDUKCAPIL");

        types.add(type("KTP_BARU", "Penerbitan KTP-el Baru",
                "Perekaman dan pencetakan KTP-el bagi penduduk yang telah berumur 17 tahun, sudah kawin atau pernah kawin.",
                dukcapil, 14, 0, "KTP-el",
                List.of(doc("SURAT_PENGANTAR_RT", "Surat pengantar RT/RW", true), doc("KK", "Fotokopi Kartu Keluarga", true)),
                List.of(text("nama_lengkap", "Nama lengkap sesuai KK", true, 1, 100, 1),
                        pastDate("tanggal_lahir", "Tanggal lahir", true, "1900-01-01", 2),
                        bool("sudah_rekam", "Sudah pernah rekam biometrik?", true, 3))));
        types.add(type("KTP_HILANG", "Penggantian KTP-el Hilang atau Rusak",
                "Pencetakan ulang KTP-el yang hilang atau rusak.", dukcapil, 5, 0, "KTP-el",
                List.of(doc("SURAT_PENGANTAR_RT", "Surat pengantar RT/RW", true),
                        doc("SURAT_KEHILANGAN_POLISI", "Surat keterangan kehilangan dari kepolisian", false),
                        doc("KK", "Fotokopi Kartu Keluarga", true)),
                List.of(choice("alasan", "Alasan penggantian", true, List.of("HILANG", "RUSAK"), 1),
                        longText("keterangan", "Keterangan kejadian", false, 0, 500, 2))));
        types.add(type("KK_PERUBAHAN", "Perubahan Data Kartu Keluarga",
                "Penerbitan Kartu Keluarga baru karena penambahan atau pengurangan anggota keluarga atau perubahan data.",
                dukcapil, 5, 0, "Kartu Keluarga",
                List.of(doc("SURAT_PENGANTAR_RT", "Surat pengantar RT/RW", true), doc("KK", "Kartu Keluarga asli", true),
                        doc("KTP_EL", "Fotokopi KTP-el kepala keluarga", true)),
                List.of(multiChoice("jenis_perubahan", "Jenis perubahan", true,
                                List.of("TAMBAH_ANGGOTA", "KURANG_ANGGOTA", "PERUBAHAN_DATA", "PISAH_KK"), 1, 4, 1),
                        longText("uraian", "Uraian perubahan", true, 10, 1000, 2))));
        types.add(type("AKTA_KELAHIRAN", "Penerbitan Akta Kelahiran",
                "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran beserta KK yang diperbarui.",
                dukcapil, 5, 0, "Kutipan Akta Kelahiran",
                List.of(doc("SURAT_KETERANGAN_LAHIR", "Surat keterangan lahir dari bidan, dokter atau rumah sakit", true),
                        doc("KK", "Fotokopi Kartu Keluarga", true),
                        doc("BUKU_NIKAH", "Fotokopi buku nikah atau akta perkawinan orang tua", false)),
                List.of(text("nama_bayi", "Nama bayi", true, 1, 100, 1),
                        pastDate("tanggal_lahir", "Tanggal lahir", true, "1900-01-01", 2),
                        choice("jenis_kelamin", "Jenis kelamin", true, List.of("LAKI_LAKI", "PEREMPUAN"), 3),
                        number("berat_lahir_gram", "Berat lahir (gram)", false, 300, 8000, 4),
                        number("anak_ke", "Anak ke-", true, 1, 20, 5),
                        text("tempat_lahir", "Tempat lahir", true, 1, 100, 6))));
        types.add(type("AKTA_KEMATIAN", "Penerbitan Akta Kematian",
                "Pencatatan kematian penduduk dan penerbitan kutipan akta kematian.", dukcapil, 5, 0, "Kutipan Akta Kematian",
                List.of(doc("SURAT_KETERANGAN_KEMATIAN", "Surat keterangan kematian dari desa/kelurahan atau rumah sakit", true),
                        doc("KK", "Fotokopi Kartu Keluarga", true), doc("KTP_EL", "KTP-el almarhum/almarhumah", false)),
                List.of(text("nama_almarhum", "Nama almarhum/almarhumah", true, 1, 100, 1),
                        pastDate("tanggal_meninggal", "Tanggal meninggal", true, "1900-01-01", 2),
                        text("sebab_kematian", "Sebab kematian", false, 0, 200, 3))));
        types.add(type("SURAT_PINDAH", "Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI)",
                "Penerbitan surat keterangan pindah antar desa, kecamatan, kabupaten/kota atau provinsi.",
                dukcapil, 3, 0, "SKPWNI",
                List.of(doc("SURAT_PENGANTAR_RT", "Surat pengantar RT/RW", true), doc("KK", "Kartu Keluarga asli", true)),
                List.of(longText("alamat_tujuan", "Alamat tujuan", true, 10, 500, 1),
                        choice("klasifikasi", "Klasifikasi pindah", true,
                                List.of("ANTAR_DESA", "ANTAR_KECAMATAN", "ANTAR_KABUPATEN", "ANTAR_PROVINSI"), 2),
                        number("jumlah_anggota_pindah", "Jumlah anggota keluarga yang pindah", true, 1, 20, 3))));

        Opd dinsos = opds.get("DINSOS");
        types.add(type("DTKS_DAFTAR", "Pendaftaran Data Terpadu Kesejahteraan Sosial (DTKS/DTSEN)",
                "Usulan pendaftaran keluarga ke dalam data terpadu untuk program bantuan sosial.", dinsos, 14, 0,
                "Tanda terima usulan DTKS",
                List.of(doc("KK", "Fotokopi Kartu Keluarga", true), doc("KTP_EL", "Fotokopi KTP-el", true),
                        doc("FOTO_RUMAH", "Foto rumah tampak depan", false)),
                List.of(number("jumlah_tanggungan", "Jumlah tanggungan", true, 0, 20, 1),
                        choice("status_rumah", "Status kepemilikan rumah", true, List.of("MILIK_SENDIRI", "SEWA", "MENUMPANG"), 2),
                        number("penghasilan_bulanan", "Penghasilan per bulan (Rp)", false, 0, 100_000_000, 3))));
        types.add(type("REKOM_PBI", "Rekomendasi Penerima Bantuan Iuran Jaminan Kesehatan (PBI-JK)",
                "Rekomendasi Dinas Sosial agar iuran BPJS Kesehatan warga tidak mampu dibayar pemerintah.", dinsos, 5, 0,
                "Surat rekomendasi PBI-JK",
                List.of(doc("KK", "Fotokopi Kartu Keluarga", true), doc("KTP_EL", "Fotokopi KTP-el", true),
                        doc("SKTM", "Surat keterangan tidak mampu dari desa", true)),
                List.of(bool("sedang_dirawat", "Sedang dirawat di fasilitas kesehatan?", true, 1))));

        types.add(type("NIB_UMK", "Pendampingan Nomor Induk Berusaha (NIB) Usaha Mikro dan Kecil",
                "Pendaftaran NIB melalui OSS RBA bagi pelaku usaha mikro dan kecil dengan pendampingan DPMPTSP.",
                opds.get("DPMPTSP"), 5, 0, "Nomor Induk Berusaha",
                List.of(doc("KTP_EL", "Fotokopi KTP-el", true), doc("SURAT_KETERANGAN_USAHA", "Surat keterangan usaha dari desa", false)),
                List.of(text("nama_usaha", "Nama usaha", true, 1, 100, 1),
                        choice("bidang_usaha", "Bidang usaha", true, List.of("KULINER", "PERTANIAN", "PERIKANAN", "PERDAGANGAN", "JASA", "KERAJINAN"), 2),
                        number("modal_usaha", "Modal usaha (Rp)", true, 0, 5_000_000_000L, 3),
                        text("email", "Alamat email untuk akun OSS", false, 0, 100, 4))));

        types.add(type("LAPOR_JALAN", "Laporan Kerusakan Jalan dan Jembatan",
                "Laporan warga tentang jalan atau jembatan kabupaten yang rusak untuk ditindaklanjuti Dinas PUPR.",
                opds.get("DPUPR"), 10, 0, "Tindak lanjut perbaikan",
                List.of(doc("FOTO_KERUSAKAN", "Foto kerusakan", false)),
                List.of(longText("lokasi", "Lokasi kerusakan (nama jalan, patokan)", true, 5, 500, 1),
                        multiChoice("jenis_kerusakan", "Jenis kerusakan", true, List.of("BERLUBANG", "RETAK", "LONGSOR", "BANJIR"), 1, null, 2),
                        bool("darurat", "Membahayakan pengguna jalan?", true, 3))));
        types.add(type("LAPOR_BENCANA", "Laporan Kejadian Bencana",
                "Laporan kejadian banjir, tanah longsor, kebakaran atau bencana lain untuk kaji cepat BPBD.",
                opds.get("BPBD"), 1, 0, "Kaji cepat dan tanggap darurat",
                List.of(doc("FOTO_KEJADIAN", "Foto kejadian", false)),
                List.of(choice("jenis_bencana", "Jenis bencana", true, List.of("BANJIR", "TANAH_LONGSOR", "KEBAKARAN", "ANGIN_KENCANG", "GEMPA_BUMI"), 1),
                        pastDate("tanggal_kejadian", "Tanggal kejadian", true, "2000-01-01", 2),
                        number("jumlah_kk_terdampak", "Jumlah KK terdampak", false, 0, 10_000, 3),
                        longText("uraian", "Uraian kejadian", true, 10, 2000, 4))));

        types.add(type("LEGALISASI", "Legalisasi Dokumen oleh Camat",
                "Legalisasi surat dan dokumen yang ditandatangani camat (Pelayanan Administrasi Terpadu Kecamatan).",
                opds.get("ORGANISASI"), 2, 0, "Dokumen terlegalisasi",
                List.of(doc("SURAT_PENGANTAR_DESA", "Surat pengantar kepala desa/lurah", true), doc("KTP_EL", "Fotokopi KTP-el", true)),
                List.of(text("jenis_dokumen", "Jenis dokumen yang dilegalisasi", true, 1, 100, 1),
                        number("jumlah_lembar", "Jumlah lembar", true, 1, 50, 2))));
        types.add(type("RUJUKAN_KESEHATAN", "Permohonan Rujukan dan Layanan Kesehatan",
                "Permohonan rujukan, kunjungan rumah atau penyuluhan kesehatan oleh Puskesmas kecamatan.",
                opds.get("DINKES"), 3, 0, "Surat rujukan atau jadwal kunjungan",
                List.of(doc("KARTU_BPJS", "Kartu BPJS Kesehatan/KIS", false), doc("KTP_EL", "Fotokopi KTP-el", true)),
                List.of(choice("jenis_layanan", "Jenis layanan", true, List.of("RUJUKAN", "KUNJUNGAN_RUMAH", "PENYULUHAN"), 1),
                        longText("keluhan", "Keluhan atau kebutuhan", true, 5, 1000, 2))));

        for (ServiceType t : types) {
            t.createdAt = now;
            t.updatedAt = now;
            t.persist();
        }
        ServiceType.flush();
        for (ServiceType t : types) {
            ServiceTypeVersion.of(t, now).persist();
        }
        return types;
    }

    private int routingRules(Map<String, Opd> opds, List<ServiceType> types, Instant now) {
        Map<String, ServiceType> byCode = new LinkedHashMap<>();
        types.forEach(t -> byCode.put(t.code, t));
        rule(byCode.get("LEGALISASI"), "73.24.04", opds.get("CAMAT_MALILI"), now);
        rule(byCode.get("LEGALISASI"), "73.24.02", opds.get("CAMAT_NUHA"), now);
        rule(byCode.get("RUJUKAN_KESEHATAN"), "73.24.04", opds.get("PKM_MALILI"), now);
        rule(byCode.get("RUJUKAN_KESEHATAN"), "73.24.02", opds.get("PKM_NUHA"), now);
        return 4;
    }

    private static void rule(ServiceType type, String region, Opd opd, Instant now) {
        RoutingRule r = new RoutingRule();
        r.kabupatenCode = KABUPATEN;
        r.serviceTypeId = type.id;
        r.regionCode = region;
        r.opdId = opd.id;
        r.note = type.code + " in kecamatan " + region + " goes to " + opd.code;
        r.createdAt = now;
        r.persist();
    }

    private static int holidays() {
        Object[][] days = {
                {LocalDate.of(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia"},
                {LocalDate.of(2026, 12, 24), "Cuti bersama Hari Raya Natal"},
                {LocalDate.of(2026, 12, 25), "Hari Raya Natal"},
                {LocalDate.of(2027, 1, 1), "Tahun Baru 2027 Masehi"},
        };
        for (Object[] d : days) {
            Holiday h = new Holiday();
            h.key = new Holiday.Key(KABUPATEN, (LocalDate) d[0]);
            h.name = (String) d[1];
            h.persist();
        }
        return days.length;
    }

    private static ServiceType type(String code, String name, String description, Opd opd, int days, long fee, String product,
                                    List<DocumentDefinition> documents, List<FieldDefinition> fields) {
        ServiceType t = new ServiceType();
        t.kabupatenCode = KABUPATEN;
        t.code = code;
        t.name = name;
        t.description = description;
        t.defaultOpdId = opd.id;
        t.timeLimitDays = days;
        t.fee = fee;
        t.product = product;
        t.open = true;
        t.documents = new ArrayList<>(documents);
        t.fields = new ArrayList<>(fields);
        t.version = 1;
        return t;
    }

    static DocumentDefinition doc(String code, String name, boolean mandatory) {
        return new DocumentDefinition(code, name, mandatory);
    }

    static FieldDefinition text(String key, String label, boolean required, int minLength, int maxLength, int order) {
        return new FieldDefinition(key, label, FieldType.TEXT, required, null, minLength, maxLength, null, null, null, null, false, order, null);
    }

    static FieldDefinition longText(String key, String label, boolean required, int minLength, int maxLength, int order) {
        return new FieldDefinition(key, label, FieldType.LONG_TEXT, required, null, minLength, maxLength, null, null, null, null, false, order, null);
    }

    static FieldDefinition number(String key, String label, boolean required, long min, long max, int order) {
        return new FieldDefinition(key, label, FieldType.NUMBER, required, null, null, null, BigDecimal.valueOf(min),
                BigDecimal.valueOf(max), null, null, false, order, null);
    }

    /** The date of something that has happened (a birth, a death, a disaster): never after today. */
    static FieldDefinition pastDate(String key, String label, boolean required, String minDate, int order) {
        return new FieldDefinition(key, label, FieldType.DATE, required, null, null, null, null, null, minDate, null, true, order, null);
    }

    static FieldDefinition choice(String key, String label, boolean required, List<String> options, int order) {
        return new FieldDefinition(key, label, FieldType.SINGLE_CHOICE, required, options, null, null, null, null, null, null, false, order, null);
    }

    static FieldDefinition multiChoice(String key, String label, boolean required, List<String> options, Integer min, Integer max, int order) {
        return new FieldDefinition(key, label, FieldType.MULTI_CHOICE, required, options, null, null,
                min == null ? null : BigDecimal.valueOf(min), max == null ? null : BigDecimal.valueOf(max), null, null, false, order, null);
    }

    static FieldDefinition bool(String key, String label, boolean required, int order) {
        return new FieldDefinition(key, label, FieldType.BOOLEAN, required, null, null, null, null, null, null, null, false, order, null);
    }
}
