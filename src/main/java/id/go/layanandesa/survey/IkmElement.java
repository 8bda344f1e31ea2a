package id.go.layanandesa.survey;

/** The nine elements of the survey, in the order of PermenPANRB 14/2017 (U1 to U9). */
public enum IkmElement {
    PERSYARATAN("Persyaratan", "Kesesuaian persyaratan pelayanan dengan jenis pelayanannya"),
    PROSEDUR("Sistem, mekanisme, dan prosedur", "Kemudahan prosedur pelayanan"),
    WAKTU("Waktu penyelesaian", "Kecepatan waktu pemberian pelayanan"),
    BIAYA("Biaya/tarif", "Kewajaran biaya/tarif dalam pelayanan"),
    PRODUK("Produk spesifikasi jenis pelayanan", "Kesesuaian produk pelayanan dengan yang tercantum dalam standar pelayanan"),
    KOMPETENSI("Kompetensi pelaksana", "Kompetensi/kemampuan petugas dalam pelayanan"),
    PERILAKU("Perilaku pelaksana", "Kesopanan dan keramahan petugas dalam memberikan pelayanan"),
    PENGADUAN("Penanganan pengaduan, saran dan masukan", "Penanganan pengaduan pengguna layanan"),
    SARANA("Sarana dan prasarana", "Kualitas sarana dan prasarana");

    private final String title;
    private final String question;

    IkmElement(String title, String question) {
        this.title = title;
        this.question = question;
    }

    public String title() {
        return title;
    }

    public String question() {
        return question;
    }

    /** Its column in survey_response: u1 to u9. */
    public String column() {
        return "u" + (ordinal() + 1);
    }
}
