package id.go.layanandesa.common;

import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Tells a new user, once the server listens, where to click. */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    @Inject
    LayananConfig config;

    void listening(@ObservesAsync HttpServerStart start) {
        int port = start.options().getPort();
        String base = "http://localhost:" + port;
        StringBuilder s = new StringBuilder("Layanan Desa is ready.")
                .append("\n  Web client:                     ").append(base).append("/")
                .append("\n  API documentation (Swagger UI): ").append(base).append("/q/swagger-ui")
                .append("\n  OpenAPI spec:                   ").append(base).append("/q/openapi")
                .append("\n  Health:                         ").append(base).append("/q/health/ready");
        if (config.embedded()) {
            s.append("\n  Embedded PostgreSQL data:       ").append(config.dataDir()).append("/pg");
        }
        LOG.info(s);
    }
}
