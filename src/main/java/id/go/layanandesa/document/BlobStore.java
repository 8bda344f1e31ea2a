package id.go.layanandesa.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where the bytes of files are kept, by the SHA-256 of their content: the same scan attached twice is kept once.
 * Rows in PostgreSQL ({@code request_file}) say which request a content belongs to; a content no row names is
 * swept ({@link BlobSweeper}). Two real implementations: the data folder ({@link FileBlobStore}) and any
 * S3-compatible object store ({@link S3BlobStore}), chosen by {@code layanan.documents.storage}.
 */
public interface BlobStore {

    /**
     * Keeps the content of {@code file}, whose SHA-256 is {@code sha256} and length {@code size}. When this returns, the
     * content is durable (a crash right after it cannot lose it); when it is kept already, nothing is written. The file is
     * not changed afterwards by the caller: it may become the kept content itself (the data folder links it).
     */
    void put(String sha256, Path file, long size) throws IOException;

    /** Whether the content is kept. */
    boolean exists(String sha256) throws IOException;

    /** {@code length} bytes of the content from {@code offset}, read as they are sent. */
    InputStream open(String sha256, long offset, long length) throws IOException;

    /** Forgets the content; nothing when it is not kept. */
    void delete(String sha256) throws IOException;

    /** Every content written before {@code before} (and half-written leftovers of a crash, which it removes itself). */
    void forEachWrittenBefore(Instant before, Consumer<String> action) throws IOException;

    /** Where, in one line for the log (no credentials). */
    String describe();
}
