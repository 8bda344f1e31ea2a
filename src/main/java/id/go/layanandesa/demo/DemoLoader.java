package id.go.layanandesa.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.kabupaten.Configuration;
import id.go.layanandesa.kabupaten.ConfigurationPlan;
import id.go.layanandesa.kabupaten.KabupatenService;
import id.go.layanandesa.kabupaten.Tenant;
import id.go.layanandesa.region.ImportReport;
import id.go.layanandesa.region.RegionImporter;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Puts the Luwu Timur demo kabupaten into service on a start whose database lacks it (first start of the embedded
 * default, and the tests), as an operator would put any kabupaten into service: its regions from a {@code code,name}
 * CSV through the region import, then onboarding from its configuration document, {@value #DOCUMENT}, the document a
 * real kabupaten can start from. Then the demo accounts.
 */
@ApplicationScoped
public class DemoLoader {

    private static final Logger LOG = Logger.getLogger(DemoLoader.class);
    public static final String KABUPATEN = "73.24";
    /** The demo kabupaten's configuration document, in the service's resources. */
    public static final String DOCUMENT = "kabupaten/73.24.json";
    /** The demo kabupaten's regions: the kabupaten, its 11 kecamatan and a few of its 128 desa. */
    static final String REGIONS = "demo/wilayah-73.24.csv";

    @Inject
    LayananConfig config;

    @Inject
    RegionImporter regions;

    @Inject
    KabupatenService kabupaten;

    @Inject
    ObjectMapper mapper;

    @Inject
    DemoAccounts accounts;

    @Transactional
    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (!config.demo().enabled()) {
            return;
        }
        if (Tenant.findById(KABUPATEN) != null) {
            LOG.infof("Demo kabupaten %s is already loaded", KABUPATEN);
            return;
        }
        ImportReport imported = regions.importCsv(resource(REGIONS));
        ConfigurationPlan plan = kabupaten.onboard(document(mapper), false, null, "the demo loader");
        String accountsSummary = accounts.create();
        LOG.infof("Loaded demo data: %d regions, kabupaten %s onboarded from %s (%d items); %s", imported.added() + imported.unchanged(),
                KABUPATEN, DOCUMENT, plan.items().size(), accountsSummary);
    }

    /** The demo kabupaten's configuration document. */
    public static Configuration document(ObjectMapper mapper) {
        try {
            return mapper.readValue(resource(DOCUMENT), Configuration.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo configuration document " + DOCUMENT + " cannot be read", e);
        }
    }

    static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
