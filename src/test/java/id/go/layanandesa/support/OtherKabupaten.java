package id.go.layanandesa.support;

import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.region.Region;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A second tenant for cross-tenant tests: Kabupaten Luwu Utara (73.22), kecamatan Malangke (73.22.01),
 * desa Pattimang (73.22.01.2001), onboarded from a configuration document with the OPDs DISDUKCAPIL and the triage
 * ORGANISASI, and a service type KTP_BARU.
 */
public final class OtherKabupaten {

    public static final String KABUPATEN = "73.22";
    public static final String KECAMATAN = "73.22.01";
    public static final String DESA = "73.22.01.2001";

    private OtherKabupaten() {
    }

    /** Onboards the tenant once, from its configuration document; later calls find it there. */
    public static synchronized void ensure() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Region.findById("73") == null) {
                Region.of("73", "Sulawesi Selatan").persist();
            }
            for (String[] r : new String[][]{{KABUPATEN, "Kabupaten Luwu Utara"}, {KECAMATAN, "Malangke"}, {DESA, "Pattimang"}}) {
                if (Region.findById(r[0]) == null) {
                    Region.of(r[0], r[1]).persist();
                }
            }
        });
        Tenants.onboard(KABUPATEN, Tenants.smallDocument(KABUPATEN, "Luwu Utara"));
    }

    public static long opd(String code) {
        ensure();
        return TestAccounts.opd(KABUPATEN, code);
    }

    public static long serviceType(String code) {
        ensure();
        return QuarkusTransaction.requiringNew().call(() ->
                ServiceType.<ServiceType>find("kabupatenCode = ?1 and code = ?2", KABUPATEN, code).firstResult().id);
    }
}
