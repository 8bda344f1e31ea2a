package id.go.layanandesa.demo;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.region.Region;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Loads the Luwu Timur demo kabupaten on a start whose database lacks it (first start of the embedded
 * default, and the tests), then says where to click.
 */
@ApplicationScoped
public class DemoLoader {

    private static final Logger LOG = Logger.getLogger(DemoLoader.class);
    public static final String KABUPATEN = "73.24";

    @Inject
    LayananConfig config;

    @Inject
    DemoReferenceData referenceData;

    @Inject
    DemoAccounts accounts;

    @Transactional
    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (!config.demo().enabled()) {
            return;
        }
        if (Region.findById(KABUPATEN) != null) {
            LOG.infof("Demo kabupaten %s is already loaded", KABUPATEN);
            return;
        }
        String summary = referenceData.load();
        String accountsSummary = accounts.create();
        LOG.infof("Loaded demo data: %s; %s", summary, accountsSummary);
    }
}
