package id.go.layanandesa.document;

import id.go.layanandesa.retention.PersonalDataPurged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * When the retention period of requests ran out, their files go with the rest of their personal data: the rows and
 * unfinished uploads in the purge's own transaction (so a download answers 404 from the moment it commits), the
 * contents right after it committed, each one no other request's file still names. A content that cannot be removed
 * then (an upload of the same bytes is committing, the store does not answer) names no row any more, so the
 * {@link BlobSweeper} removes it on one of its next rounds.
 */
@ApplicationScoped
public class PurgedFiles {

    private static final Logger LOG = Logger.getLogger(PurgedFiles.class);

    /** The contents that rows named until the purge's transaction deleted them. */
    public record Forgotten(Set<String> sha256s) {
    }

    @Inject
    DocumentStore store;

    @Inject
    BlobStore blobs;

    @Inject
    Event<Forgotten> forgotten;

    void purged(@Observes PersonalDataPurged event) {
        Set<String> contents = store.forgetFilesOf(event.requestIds());
        if (!contents.isEmpty()) {
            forgotten.fire(new Forgotten(contents));
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Forgotten event) {
        int removed = 0;
        for (String sha256 : event.sha256s()) {
            try {
                boolean gone = QuarkusTransaction.requiringNew().call(() -> {
                    if (!store.tryExclusive(sha256) || store.referenced(sha256)) {
                        return false;
                    }
                    blobs.delete(sha256);
                    return true;
                });
                removed += gone ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warnf("a purged file's content is left to the sweeper: %s", e.getClass().getName());
            }
        }
        LOG.infof("purged requests' files: %d of %d contents removed from %s", removed, event.sha256s().size(), blobs.describe());
    }
}
