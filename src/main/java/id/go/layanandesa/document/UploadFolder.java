package id.go.layanandesa.document;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder bodies are received into ({@code quarkus.http.body.uploads-directory}, by default {@code <data-dir>/uploads}):
 * the HTTP layer writes a multipart file there while it arrives, and a resumable upload is assembled there once its last
 * byte is in. It lies in the data folder, on the file system of the documents, so that a received file becomes a kept
 * content by a link instead of a copy, and so that what a crash leaves in it (the HTTP layer deletes its files when the
 * request ends, but not after {@code kill -9}) stays in the data folder and is found again.
 *
 * <p>What is removed, here and in the file store's {@code tmp/}: at start, when no other live instance uses the folder,
 * every file written before this process started; when another instance uses it (instances on one machine may share a
 * data folder; each holds a shared lock on {@code instances.lock} for its life, released by the operating system however
 * the process ends), only files untouched for {@code layanan.documents.sweep-grace}, longer than a receiving upload can
 * stay idle (the HTTP idle timeout, 30 minutes). {@link BlobSweeper} removes those regularly too.
 */
@ApplicationScoped
public class UploadFolder {

    private static final Logger LOG = Logger.getLogger(UploadFolder.class);
    static final String LOCK = "instances.lock";

    @ConfigProperty(name = "quarkus.http.body.uploads-directory")
    String directory;

    @Inject
    BlobStore blobs;

    @Inject
    LayananConfig config;

    private Path path;
    private FileChannel lockChannel;
    private FileLock lock;

    /** The folder, made when missing. */
    public synchronized Path path() {
        if (path == null) {
            Path p = Path.of(directory).toAbsolutePath().normalize();
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the uploads folder " + p, e);
            }
            path = p;
        }
        return path;
    }

    /** A new empty file in the folder, for a body being assembled. */
    public Path newFile(String prefix) throws IOException {
        return Files.createTempFile(path(), prefix, ".part");
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        try {
            Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
            boolean alone = takeLock();
            Instant before = alone ? started : Instant.now().minus(config.documents().sweepGrace());
            int removed = removeWrittenBefore(before);
            if (removed > 0) {
                LOG.infof("removed %d partial uploads a previous run left%s", removed, alone ? "" : " (another instance shares the folder)");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not look for partial uploads left by a previous run: %s", e.getClass().getName());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // released by the operating system as the process ends
        }
    }

    /**
     * Takes the shared lock every live instance holds on the folder; answers whether no other instance held it, which
     * is known by taking it exclusively first.
     */
    private synchronized boolean takeLock() throws IOException {
        if (lock != null) {
            return false;
        }
        lockChannel = FileChannel.open(path().resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        boolean alone;
        try {
            FileLock exclusive = lockChannel.tryLock();
            alone = exclusive != null;
            if (exclusive != null) {
                exclusive.release();
            }
        } catch (OverlappingFileLockException e) {
            alone = false; // this very process holds it already (a second application in the same JVM)
        }
        try {
            lock = lockChannel.lock(0, Long.MAX_VALUE, true);
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        return alone;
    }

    /** Removes the received and half-written files last written before {@code before}; answers how many. */
    int removeWrittenBefore(Instant before) throws IOException {
        int removed = removeIn(path(), before);
        if (blobs instanceof FileBlobStore files) {
            removed += removeIn(files.tmp(), before);
        }
        return removed;
    }

    private static int removeIn(Path folder, Instant before) throws IOException {
        FileTime limit = FileTime.from(before);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(folder)) {
            listing.filter(f -> !f.getFileName().toString().equals(LOCK)).forEach(files::add);
        } catch (NoSuchFileException e) {
            return 0;
        }
        int removed = 0;
        for (Path f : files) {
            try {
                if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).compareTo(limit) < 0 && Files.deleteIfExists(f)) {
                    removed++;
                }
            } catch (NoSuchFileException e) {
                // gone meanwhile: its request ended
            }
        }
        return removed;
    }
}
