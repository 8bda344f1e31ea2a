package id.go.layanandesa.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Proof that one live service owns a data folder: a lock on {@code layanan.lock} in it, held for the whole
 * life of the process. The operating system drops it when the process ends in any way (kill -9 too), so a
 * folder whose lock can be taken has no living owner, and its PostgreSQL, if still running, is an orphan.
 */
public final class DataFolderLock implements AutoCloseable {

    public static final String FILE = "layanan.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Another running process holds the folder. */
    public static final class InUseException extends IOException {
        private final String owner;

        InUseException(Path dataDir, String owner) {
            super("the data folder " + dataDir + " is in use by another running Layanan Desa"
                    + (owner.isEmpty() ? "" : " (pid " + owner + ")"));
            this.owner = owner;
        }

        /** The owner's process id as it wrote it, or empty. */
        public String owner() {
            return owner;
        }
    }

    /** Takes the folder for this process, or fails with {@link InUseException} when a live process has it. */
    public static DataFolderLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            String owner;
            try {
                owner = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                owner = "";
            }
            throw new InUseException(dataDir, owner.matches("\\d{1,10}") ? owner : "");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new DataFolderLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
