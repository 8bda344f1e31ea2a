package id.go.layanandesa.support;

import id.go.layanandesa.region.Region;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A throwaway kabupaten under a province code the national list does not use (for example 86.01), with
 * kecamatan .01 and .02 and desa .01.2001, .01.2002 and .02.2001: for tests that change what a whole
 * kabupaten shares, such as its triage OPD, without touching the demo kabupaten. It is in service (onboarded) with
 * nothing configured: its tests make its OPDs.
 */
public final class ScratchKabupaten {

    private ScratchKabupaten() {
    }

    public static synchronized String ensure(String kabupaten) {
        regionsOnly(kabupaten);
        Tenants.inService(kabupaten);
        return kabupaten;
    }

    /** The same regions, with the kabupaten not onboarded: for onboarding it. */
    public static synchronized String regionsOnly(String kabupaten) {
        String province = kabupaten.substring(0, 2);
        QuarkusTransaction.requiringNew().run(() -> {
            String[][] regions = {
                    {province, "Provinsi Uji " + province},
                    {kabupaten, "Kabupaten Uji " + kabupaten},
                    {kabupaten + ".01", "Kecamatan Satu"},
                    {kabupaten + ".02", "Kecamatan Dua"},
                    {kabupaten + ".01.2001", "Desa Satu"},
                    {kabupaten + ".01.2002", "Desa Dua"},
                    {kabupaten + ".02.2001", "Desa Tiga"}};
            for (String[] r : regions) {
                if (Region.findById(r[0]) == null) {
                    Region.of(r[0], r[1]).persistAndFlush();
                }
            }
        });
        return kabupaten;
    }
}
