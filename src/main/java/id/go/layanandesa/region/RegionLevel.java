package id.go.layanandesa.region;

public enum RegionLevel {
    PROVINSI, KABUPATEN, KECAMATAN, DESA;

    public static RegionLevel of(int level) {
        return values()[level - 1];
    }

    public short number() {
        return (short) (ordinal() + 1);
    }
}
