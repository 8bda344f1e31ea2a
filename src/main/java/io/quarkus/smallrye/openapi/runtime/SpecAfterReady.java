package io.quarkus.smallrye.openapi.runtime;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The served OpenAPI document is made after the service is ready instead of before: reading the 1.4 MB spec the build
 * wrote, running the filters that need the runtime (configured limits, webhooks) and writing it as JSON and YAML took
 * a third of the main thread's time at start. It is made on a thread of its own as soon as the HTTP server listens,
 * or by the first request for it, whichever comes first; the document is the same.
 *
 * <p>It lives in Quarkus' package because the step it defers is package-private there; the build fails (it does not
 * silently stop deferring) when a Quarkus upgrade changes the method it overrides. Only in the packaged service: there
 * one class loader loads the application and the extension, so the package is one; in dev mode and tests the two
 * load apart and the document is made at start, as without this class. {@code EmbeddedDatabaseIT} checks the
 * packaged service serves the committed spec.
 */
@IfBuildProfile("prod")
@Alternative
@Priority(1)
@Singleton
public class SpecAfterReady extends OpenApiDocumentService {

    private static final Logger LOG = Logger.getLogger(SpecAfterReady.class);

    private final List<Runnable> pending = new ArrayList<>();
    private volatile boolean prepared;

    @Override
    void prepareDocument(AutoSecurityFilter autoSecurityFilter, Map<OpenApiFilter.RunStage, List<String>> filtersByStage, String documentName) {
        synchronized (pending) {
            pending.add(() -> super.prepareDocument(autoSecurityFilter, filtersByStage, documentName));
            prepared = false;
        }
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        prepare();
        return super.getDocument(documentName, format);
    }

    /** Makes the documents still to be made; at once when they are made. */
    public void prepare() {
        if (prepared) {
            return;
        }
        synchronized (pending) {
            for (Runnable step : pending) {
                step.run();
            }
            pending.clear();
            prepared = true;
        }
    }

    void listening(@ObservesAsync HttpServerStart start) {
        Thread.ofPlatform().daemon().name("openapi-after-ready").start(() -> {
            try {
                prepare();
            } catch (RuntimeException e) {
                // the first request for the spec makes it again and answers the error
                LOG.warnf("The OpenAPI document could not be made after start: %s", e.toString());
            }
        });
    }
}
