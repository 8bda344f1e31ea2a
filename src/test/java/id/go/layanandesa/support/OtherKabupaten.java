package id.go.layanandesa.support;

import id.go.layanandesa.catalog.DocumentDefinition;
import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.opd.OpdKind;
import id.go.layanandesa.region.Region;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.util.List;

/**
 * A second tenant for cross-tenant tests: Kabupaten Luwu Utara (73.22), kecamatan Malangke (73.22.01),
 * desa Pattimang (73.22.01.2001), OPDs DISDUKCAPIL and the triage ORGANISASI, and a service type KTP_BARU.
 */
public final class OtherKabupaten {

    public static final String KABUPATEN = "73.22";
    public static final String KECAMATAN = "73.22.01";
    public static final String DESA = "73.22.01.2001";

    private OtherKabupaten() {
    }

    /** Creates the tenant once; later calls find it there. */
    public static synchronized void ensure() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Opd.count("kabupatenCode = ?1 and code = 'DISDUKCAPIL'", KABUPATEN) > 0) {
                return;
            }
            Instant now = Instant.now();
            if (Region.findById("73") == null) {
                Region.of("73", "Sulawesi Selatan").persist();
            }
            for (String[] r : new String[][]{{KABUPATEN, "Kabupaten Luwu Utara"}, {KECAMATAN, "Malangke"}, {DESA, "Pattimang"}}) {
                if (Region.findById(r[0]) == null) {
                    Region.of(r[0], r[1]).persist();
                }
            }
            Region.flush();
            Opd dukcapil = opd("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", OpdKind.DINAS, false, now);
            opd("ORGANISASI", "Bagian Organisasi Sekretariat Daerah", OpdKind.BAGIAN, true, now);
            ServiceType t = new ServiceType();
            t.kabupatenCode = KABUPATEN;
            t.code = "KTP_BARU";
            t.name = "Penerbitan KTP-el Baru";
            t.defaultOpdId = dukcapil.id;
            t.timeLimitDays = 14;
            t.fee = 0;
            t.product = "KTP-el";
            t.documents = List.of(new DocumentDefinition("KK", "Fotokopi Kartu Keluarga", true));
            t.fields = List.of();
            t.createdAt = now;
            t.updatedAt = now;
            t.persistAndFlush();
            ServiceTypeVersion.of(t, now).persist();
        });
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

    private static Opd opd(String code, String name, OpdKind kind, boolean triage, Instant now) {
        Opd o = new Opd();
        o.kabupatenCode = KABUPATEN;
        o.code = code;
        o.name = name;
        o.kind = kind;
        o.triage = triage;
        o.createdAt = now;
        o.updatedAt = now;
        o.persistWithQueueState();
        return o;
    }
}
