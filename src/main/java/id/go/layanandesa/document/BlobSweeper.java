package id.go.layanandesa.document;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes contents no row names: what a crash left between making a content durable and committing its row, and what
 * a replaced result document left. Only contents older than {@code layanan.documents.sweep-grace} are looked at, and
 * each one only under the lock every upload holds on its content until its commit, so a content being committed right
 * now is never taken. Received bodies and half-written files untouched as long are removed too ({@link UploadFolder}).
 * The first sweep runs {@code layanan.documents.sweep-delay} after start.
 */
@ApplicationScoped
public class BlobSweeper {

    private static final Logger LOG = Logger.getLogger(BlobSweeper.class);

    @Inject
    BlobStore blobs;

    @Inject
    DocumentStore store;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Inject
    UploadFolder uploads;

    @Scheduled(every = "${layanan.documents.sweep-every:PT1H}", delayed = "${layanan.documents.sweep-delay:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("sweeping unused files failed: %s", e.getClass().getName());
        }
    }

    /** Sweeps once; answers how many contents it removed. */
    public int sweep() throws IOException {
        Instant before = clock.instant().minus(config.documents().sweepGrace());
        uploads.removeWrittenBefore(before);
        List<String> candidates = new ArrayList<>();
        blobs.forEachWrittenBefore(before, candidates::add);
        int removed = 0;
        for (String sha256 : candidates) {
            boolean gone = QuarkusTransaction.requiringNew().call(() -> {
                if (!store.tryExclusive(sha256) || store.referenced(sha256)) {
                    return false;
                }
                blobs.delete(sha256);
                return true;
            });
            if (gone) {
                removed++;
            }
        }
        if (removed > 0) {
            LOG.infof("swept %d unused files", removed);
        }
        return removed;
    }
}
