package id.go.layanandesa.common;

import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * With {@code layanan.exit-when-ready}, the service stops again once it answers ready and has served the calls
 * every client makes first. {@code run.sh} starts it so once per build, with the JDK recording what a start
 * loads and links into an AOT cache that later starts reuse.
 */
@ApplicationScoped
public class ExitWhenReady {

    private static final Logger LOG = Logger.getLogger(ExitWhenReady.class);

    /** Readiness, then what a first visit and an API client's first calls touch. */
    private static final List<String> FIRST_CALLS = List.of("/q/health/ready", "/", "/api/v1/me", "/api/v1/auth/login");

    @Inject
    LayananConfig config;

    void listening(@ObservesAsync HttpServerStart start) {
        if (!config.exitWhenReady()) {
            return;
        }
        int port = start.options().getPort();
        if (port <= 0) {
            LOG.error("layanan.exit-when-ready needs a fixed quarkus.http.port");
            Quarkus.asyncExit(1);
            return;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            awaitReady(client, port);
            for (String path : FIRST_CALLS) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30));
                if (path.endsWith("/login")) {
                    // a login that fails on its input: the whole way in, without touching an account
                    request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
                }
                client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            }
            LOG.info("Ready and answering; stopping as asked (layanan.exit-when-ready)");
            Quarkus.asyncExit(0);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("The service did not answer its first calls: %s", e.toString());
            Quarkus.asyncExit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReady(HttpClient client, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("not ready after two minutes (last answer " + response.statusCode() + ")");
            }
            Thread.sleep(100);
        }
    }
}
