package id.go.layanandesa.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.kabupaten.Configuration;
import id.go.layanandesa.kabupaten.KabupatenService;
import id.go.layanandesa.kabupaten.Tenant;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Kabupaten in service for tests. A kabupaten must be onboarded before anyone of it may call: {@link #onboard} does it
 * from a configuration document, as an operator would; {@link #inService} only records it, for scratch kabupaten whose
 * tests build their OPDs themselves.
 */
public final class Tenants {

    private Tenants() {
    }

    /** Records the kabupaten as onboarded when it is not (its region must exist). */
    public static void inService(String kabupaten) {
        Db.exec("insert into tenant (kabupaten_code, onboarded_at) values (?1, now()) on conflict do nothing", kabupaten);
    }

    /** Onboards the kabupaten from this configuration document (JSON) through the service, unless it is onboarded. */
    public static synchronized void onboard(String kabupaten, String documentJson) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Tenant.findById(kabupaten) != null) {
                return;
            }
            try {
                Configuration doc = CDI.current().select(ObjectMapper.class).get().readValue(documentJson, Configuration.class);
                CDI.current().select(KabupatenService.class).get().onboard(doc, false, null, "tests");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A small document: the triage OPD ORGANISASI, DISDUKCAPIL and the service KTP_BARU needing a KK. */
    public static String smallDocument(String kabupaten, String kabupatenName) {
        return """
                {"formatVersion": 1, "kabupaten": "%s",
                 "opds": [{"code": "DISDUKCAPIL", "name": "Dinas Kependudukan dan Pencatatan Sipil %s", "kind": "DINAS"},
                          {"code": "ORGANISASI", "name": "Bagian Organisasi Sekretariat Daerah %s", "kind": "BAGIAN", "triage": true}],
                 "catalog": [{"code": "KTP_BARU", "name": "Penerbitan KTP-el Baru", "defaultOpd": "DISDUKCAPIL", "timeLimitDays": 14,
                              "product": "KTP-el", "documents": [{"code": "KK", "name": "Fotokopi Kartu Keluarga", "mandatory": true}],
                              "fields": []}],
                 "routingRules": [], "holidays": []}""".formatted(kabupaten, kabupatenName, kabupatenName);
    }
}
