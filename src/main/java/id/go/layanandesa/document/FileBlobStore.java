package id.go.layanandesa.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Files in a folder (by default {@code <data-dir>/documents}): {@code blobs/ab/abcdef…} named by their SHA-256.
 * A received file on the same file system (the uploads folder is in the data folder, see {@link UploadFolder}) is forced
 * to disk and linked under the content's name, then the folder is forced: no copy. Any other file is copied to
 * {@code tmp/} first, forced, then renamed into place and the folder forced. Either way a crash leaves the whole file
 * under its name or nothing there (and at most a leftover in {@code tmp/}, swept), never a partial file under a
 * content's name; and a name is durable before {@code put} returns, so before the row naming it commits.
 */
public final class FileBlobStore implements BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path blobs;
    private final Path tmp;

    public FileBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.blobs = this.root.resolve("blobs");
        this.tmp = this.root.resolve("tmp");
        Files.createDirectories(blobs);
        Files.createDirectories(tmp);
    }

    Path pathOf(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in hex");
        }
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** The folder of half-written files. */
    Path tmp() {
        return tmp;
    }

    @Override
    public void put(String sha256, Path file, long size) throws IOException {
        Path target = pathOf(sha256);
        if (Files.exists(target) && Files.size(target) == size) {
            return;
        }
        Path folder = folderOf(target);
        if (link(file, target)) {
            forceFolder(folder);
            return;
        }
        Path part = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < size) {
                    long n = in.transferTo(done, size - done, out);
                    if (n <= 0) {
                        throw new IOException("the file ended after " + done + " of " + size + " bytes");
                    }
                    done += n;
                }
                out.force(false);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Keeps a received file as it is, without copying it: its bytes forced to disk, then a second name (a hard link)
     * under the content's, which appears whole or not at all. False when the file system cannot link it there (another
     * file system, no hard links), and the content is then copied.
     */
    private static boolean link(Path file, Path target) throws IOException {
        try (FileChannel received = FileChannel.open(file, StandardOpenOption.READ)) {
            // the data and the length, which reading it back needs; not the times
            received.force(false);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        try {
            Files.createLink(target, file);
            return true;
        } catch (FileAlreadyExistsException e) {
            // kept meanwhile by another upload of the same content, whole: only whole files ever get the name
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The folder of a content, made (and made durable in its parent) when it is the first content there. */
    private Path folderOf(Path target) throws IOException {
        Path folder = target.getParent();
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectory(folder);
                forceFolder(blobs);
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by another upload
            }
        }
        return folder;
    }

    private static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder for forcing; the rename is then as durable as they make it
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.exists(pathOf(sha256));
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(pathOf(sha256), StandardOpenOption.READ);
        channel.position(offset);
        InputStream in = Channels.newInputStream(channel);
        return new java.io.FilterInputStream(in) {
            long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buffer, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(pathOf(sha256));
    }

    @Override
    public void forEachWrittenBefore(Instant before, Consumer<String> action) throws IOException {
        FileTime limit = FileTime.from(before);
        try (Stream<Path> parts = Files.list(tmp)) {
            for (Path part : parts.toList()) {
                try {
                    if (Files.getLastModifiedTime(part).compareTo(limit) < 0) {
                        Files.deleteIfExists(part);
                    }
                } catch (NoSuchFileException e) {
                    // gone meanwhile
                }
            }
        }
        try (Stream<Path> files = Files.walk(blobs, 2)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                try {
                    if (SHA256.matcher(name).matches() && Files.getLastModifiedTime(f).compareTo(limit) < 0) {
                        action.accept(name);
                    }
                } catch (NoSuchFileException e) {
                    // gone meanwhile
                }
            }
        }
    }

    @Override
    public String describe() {
        return "files in " + root;
    }
}
