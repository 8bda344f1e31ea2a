package id.go.layanandesa.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records reads of personal data without slowing them down: a read puts its entry in memory and answers; every
 * {@code layanan.audit.read-flush-interval} (0.2 s) the entries waiting are written in one transaction, in one batch.
 * An orderly stop writes what is waiting; a crash (kill -9, power loss) loses the reads of the last interval.
 * When writing falls behind (the database is away) and {@code layanan.audit.read-buffer} entries wait, a read waits up
 * to 2 s for room and is then refused with 503 rather than shown unrecorded.
 */
@ApplicationScoped
public class AuditReads {

    private static final Logger LOG = Logger.getLogger(AuditReads.class);
    private static final int BATCH = 500;
    private static final long WAIT_FOR_ROOM_MILLIS = 2_000;

    @Inject
    LayananConfig config;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    private volatile LinkedBlockingDeque<AuditRecord> pending;
    private ScheduledExecutorService flusher;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean failing;

    void start(@Observes StartupEvent event) {
        queue();
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-reads");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, config.audit().readFlushInterval().toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (flusher == null) {
            return;
        }
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }

    /** Whether reads are recorded at all. */
    public boolean enabled() {
        return config.audit().recordReads();
    }

    /** Records a read: in memory now, in the database within the flush interval. */
    public void record(AuditRecord entry) {
        if (!enabled()) {
            return;
        }
        LinkedBlockingDeque<AuditRecord> queue = queue();
        if (queue.offer(entry)) {
            return;
        }
        boolean room = false;
        if (!io.vertx.core.Context.isOnEventLoopThread()) {
            try {
                room = queue.offer(entry, WAIT_FOR_ROOM_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!room) {
            throw new ProblemException(503, "SERVICE_UNAVAILABLE", "Service unavailable",
                    "reads of personal data cannot be recorded in the audit trail now; retry after 5 s", null, null, null,
                    Map.of("Retry-After", "5"));
        }
    }

    /** Writes every entry waiting now; fails when the database does. */
    public void flush() {
        writing.lock();
        try {
            List<AuditRecord> batch = new ArrayList<>(BATCH);
            while (queue().drainTo(batch, BATCH) > 0) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(c -> AuditTrail.insert(c, batch, json)));
                } catch (RuntimeException e) {
                    putBack(batch);
                    throw e;
                }
                batch.clear();
            }
        } finally {
            writing.unlock();
        }
    }

    /** The entries not yet written. */
    public int waiting() {
        return queue().size();
    }

    private void flushQuietly() {
        try {
            flush();
            if (failing) {
                failing = false;
                LOG.info("reads are written to the audit trail again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                // the failure's class only: its message may quote the values of the statement
                LOG.warnf("reads cannot be written to the audit trail now (%s); %d wait in memory", e.getClass().getSimpleName(),
                        waiting());
            }
        }
    }

    /** The batch goes back to the front, in order; what no longer fits is lost, and said so. */
    private void putBack(List<AuditRecord> batch) {
        int lost = 0;
        for (int i = batch.size() - 1; i >= 0; i--) {
            if (!queue().offerFirst(batch.get(i))) {
                lost++;
            }
        }
        if (lost > 0) {
            LOG.errorf("%d reads of personal data could not be written to the audit trail and are lost", lost);
        }
    }

    private LinkedBlockingDeque<AuditRecord> queue() {
        LinkedBlockingDeque<AuditRecord> q = pending;
        if (q == null) {
            synchronized (this) {
                if (pending == null) {
                    pending = new LinkedBlockingDeque<>(Math.max(1, config.audit().readBuffer()));
                }
                q = pending;
            }
        }
        return q;
    }
}
