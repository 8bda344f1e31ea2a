package id.go.layanandesa.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Configuration documents for the tests of a scratch kabupaten ({@link ScratchKabupaten}: kecamatan .01 and .02, desa
 * .01.2001, .01.2002 and .02.2001), written as the service exports them: every value given, sorted by code.
 */
public final class Documents {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    /**
     * Five OPDs (the triage ORGANISASI, DISDUKCAPIL, a kecamatan office for each kecamatan, a Puskesmas of .01), three
     * services (a birth certificate whose birth letter an SPTJM may replace, a KTP replacement that needs the police
     * letter when the KTP was lost, the camat's legalisation), one relative rule (legalisation goes to the kecamatan
     * office of the desa) and one holiday.
     */
    public static String scratch(String k) {
        return """
                {"formatVersion": 1, "kabupaten": "{K}",
                 "opds": [
                  {"code": "CAMAT_DUA", "name": "Kantor Camat Dua", "kind": "KECAMATAN", "regionCode": "{K}.02", "active": true, "triage": false},
                  {"code": "CAMAT_SATU", "name": "Kantor Camat Satu", "kind": "KECAMATAN", "regionCode": "{K}.01", "active": true, "triage": false},
                  {"code": "DISDUKCAPIL", "name": "Dinas Kependudukan dan Pencatatan Sipil", "kind": "DINAS", "email": "disdukcapil@uji.go.id",
                   "phone": "+6247321234", "address": "Jl. Uji 1", "active": true, "triage": false},
                  {"code": "ORGANISASI", "name": "Bagian Organisasi", "kind": "BAGIAN", "active": true, "triage": true},
                  {"code": "PKM_SATU", "name": "UPT Puskesmas Satu", "kind": "UPT", "regionCode": "{K}.01", "active": true, "triage": false}],
                 "catalog": [
                  {"code": "AKTA_KELAHIRAN", "name": "Penerbitan Akta Kelahiran", "defaultOpd": "DISDUKCAPIL", "timeLimitDays": 5, "fee": 0,
                   "product": "Kutipan Akta Kelahiran", "open": true,
                   "documents": [
                    {"code": "SURAT_KETERANGAN_LAHIR", "name": "Surat keterangan lahir", "mandatory": true, "alternatives": ["SPTJM_KELAHIRAN"]},
                    {"code": "KK", "name": "Kartu Keluarga", "mandatory": true},
                    {"code": "SPTJM_KELAHIRAN", "name": "SPTJM kelahiran", "mandatory": false}],
                   "fields": [
                    {"key": "nama_bayi", "label": "Nama bayi", "type": "TEXT", "required": true, "minLength": 1, "maxLength": 100,
                     "notAfterToday": false, "order": 1},
                    {"key": "berat_lahir_gram", "label": "Berat lahir (gram)", "type": "NUMBER", "required": false, "min": 300, "max": 8000,
                     "notAfterToday": false, "order": 2}]},
                  {"code": "KTP_HILANG", "name": "Penggantian KTP-el Hilang atau Rusak", "description": "Pencetakan ulang KTP-el.",
                   "defaultOpd": "DISDUKCAPIL", "timeLimitDays": 5, "fee": 0, "open": true,
                   "documents": [
                    {"code": "KK", "name": "Kartu Keluarga", "mandatory": true},
                    {"code": "SURAT_KEHILANGAN_POLISI", "name": "Surat kehilangan dari kepolisian", "mandatory": false,
                     "requiredWhen": {"field": "alasan", "values": ["HILANG"]}}],
                   "fields": [
                    {"key": "alasan", "label": "Alasan", "type": "SINGLE_CHOICE", "required": true, "options": ["HILANG", "RUSAK"],
                     "notAfterToday": false, "order": 1}]},
                  {"code": "LEGALISASI", "name": "Legalisasi Dokumen oleh Camat", "defaultOpd": "ORGANISASI", "timeLimitDays": 2, "fee": 0,
                   "open": true, "documents": [], "fields": []}],
                 "routingRules": [{"service": "LEGALISASI", "area": "{K}", "opdKind": "KECAMATAN", "note": "Camat kecamatan desa"}],
                 "holidays": [{"date": "2026-12-25", "name": "Hari Raya Natal"}]}""".replace("{K}", k);
    }

    public static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
