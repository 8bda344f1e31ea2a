package id.go.layanandesa.message;

import id.go.layanandesa.common.error.Problem.Violation;
import id.go.layanandesa.request.RequestStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The citizen's message: the defaults per status, whole sentences with or without a public note, and what an admin may write. */
class CitizenMessagesTest {

    static CitizenMessages.Values values(String note) {
        return new CitizenMessages.Values("Akta Kelahiran", "K7M2-QX9P-RT", "Dinas Kependudukan dan Pencatatan Sipil", "Harapan",
                LocalDate.of(2026, 12, 14), note);
    }

    @ParameterizedTest(name = "{0} with note [{1}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            SUBMITTED   | -                                  | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) sudah diterima dan diteruskan ke Dinas Kependudukan dan Pencatatan Sipil. Perkiraan selesai 14 Desember 2026.
            IN_PROGRESS | Berkas sedang diperiksa            | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) sedang diproses oleh Dinas Kependudukan dan Pencatatan Sipil. Berkas sedang diperiksa.
            NEEDS_INFO  | Fotokopi buku nikah orang tua      | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) perlu dilengkapi: Fotokopi buku nikah orang tua. Silakan ke kantor desa.
            NEEDS_INFO  | KK; Akta nikah. Bawa yang asli.    | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) perlu dilengkapi: KK; Akta nikah. Bawa yang asli. Silakan ke kantor desa.
            NEEDS_INFO  | -                                  | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) perlu dilengkapi. Silakan ke kantor desa.
            COMPLETED   | Ambil di kantor desa mulai Senin   | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) sudah selesai. Ambil di kantor desa mulai Senin.
            COMPLETED   | Ambil di kantor desa!              | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) sudah selesai. Ambil di kantor desa!
            COMPLETED   | -                                  | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) sudah selesai.
            REJECTED    | NIK tidak terdaftar                | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) tidak dapat dikabulkan. NIK tidak terdaftar. Silakan hubungi kantor desa.
            REJECTED    | -                                  | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) tidak dapat dikabulkan. Silakan hubungi kantor desa.
            CANCELLED   | -                                  | Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) telah dibatalkan.
            """)
    void theDefaultsReadAsWholeSentences(RequestStatus status, String note, String expected) {
        assertEquals(expected, CitizenMessages.render(CitizenMessages.defaultText(status), values(note)));
    }

    @Test
    void everyStatusHasADefaultThatPassesItsOwnCheck() {
        for (RequestStatus s : RequestStatus.values()) {
            assertEquals(List.of(), CitizenMessages.check("text", CitizenMessages.defaultText(s)), s.name());
        }
    }

    @Test
    void valuesAreInsertedAsTheyAreNeverReadAsPlaceholders() {
        assertEquals("Kode {kode} dan $1 tetap.", CitizenMessages.render("{catatan}", values("Kode {kode} dan $1 tetap")));
        assertEquals("Harapan / 14 Desember 2026", CitizenMessages.render("{desa} / {jatuh_tempo}", values(null)));
    }

    @ParameterizedTest
    @CsvSource({"2026-12-14, 14 Desember 2026", "2027-01-01, 1 Januari 2027", "2026-08-17, 17 Agustus 2026", "2028-02-29, 29 Februari 2028"})
    void datesAreWrittenAsIndonesiansWriteThem(LocalDate date, String expected) {
        assertEquals(expected, CitizenMessages.tanggal(date));
    }

    @Test
    void aTemplateNamesOnlyKnownPlaceholdersAndFitsAMessage() {
        assertEquals(List.of(), CitizenMessages.check("text", "Permohonan {layanan} ({kode}) di {desa}: {catatan} {opd} {jatuh_tempo}"));
        List<Violation> unknown = CitizenMessages.check("text", "Yth. {nama}, permohonan {kode}");
        assertEquals(1, unknown.size());
        assertEquals("text", unknown.get(0).field());
        assertTrue(unknown.get(0).message().startsWith("{nama} is no placeholder"), unknown.get(0).message());
        assertEquals(1, CitizenMessages.check("text", "Permohonan {kode").size(), "a brace that closes nothing");
        assertEquals(1, CitizenMessages.check("text", "Permohonan kode}").size());
        assertEquals(1, CitizenMessages.check("text", "{}").size());
        assertEquals(1, CitizenMessages.check("text", " ").size());
        assertEquals(1, CitizenMessages.check("text", null).size());
        assertEquals(List.of(), CitizenMessages.check("text", "x".repeat(500)));
        assertEquals(1, CitizenMessages.check("text", "x".repeat(501)).size());
    }
}
