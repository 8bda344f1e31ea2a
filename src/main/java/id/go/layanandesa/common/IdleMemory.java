package id.go.layanandesa.common;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Gives the heap that a busy spell grew back to the operating system once the service is idle. A
 * village service is idle most of the day, often on a small shared server, and the JVM otherwise keeps
 * its peak heap resident. No collection for a whole minute means next to nothing is allocated: a full
 * collection of the small live set is then short, and with the free-heap ratios set at start (Main) it
 * shrinks the heap. Under load collections run all the time and this never fires.
 */
@ApplicationScoped
public class IdleMemory {

    private long lastCollections = -1;
    private boolean compacted;

    /** Once per idle spell: after compacting, it waits for the service to collect on its own again. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void compactWhenIdle() {
        long collections = collections();
        if (collections != lastCollections) {
            compacted = false;
        } else if (!compacted) {
            System.gc();
            compacted = true;
            collections = collections();
        }
        lastCollections = collections;
    }

    private static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }
}
