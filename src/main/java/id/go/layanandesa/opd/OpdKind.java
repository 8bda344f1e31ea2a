package id.go.layanandesa.opd;

/** dinas, badan, bagian (of the secretariat), kecamatan office, or UPT such as a Puskesmas. */
public enum OpdKind {
    DINAS, BADAN, BAGIAN, KECAMATAN, UPT
}
