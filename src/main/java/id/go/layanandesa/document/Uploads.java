package id.go.layanandesa.document;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import id.go.layanandesa.common.SqlValues;

/**
 * Resumable uploads, the core protocol of tus 1.0 (tus.io) with its creation, termination and expiration extensions,
 * implemented on the API itself. The bytes received are committed to PostgreSQL in chunks as they arrive, so an upload
 * survives a dropped connection, a restart of the service and a change of instance behind a load balancer: the client
 * asks where it stands (HEAD) and sends the rest (PATCH from that offset). The first bytes are checked at once (a photo
 * sent where a PDF is wanted is refused before the rest is sent); when the last byte arrives the file is checked whole
 * and becomes the request's attachment or result document, through the same rules as a one-shot upload.
 */
@ApplicationScoped
public class Uploads {

    static final String TUS_VERSION = "1.0.0";
    static final String OFFSET_TYPE = "application/offset+octet-stream";
    static final String PROTOCOL = "A resumable upload for weak links, by the tus 1.0 protocol (https://tus.io/protocols/resumable-upload): "
            + "this call says how large the file is (Upload-Length) and its name (Upload-Metadata `filename`, base64) and answers "
            + "where to send it (Location, `/api/v1/uploads/{uploadId}`). Then PATCH the bytes there with "
            + "`Content-Type: application/offset+octet-stream` and `Upload-Offset`, in one request or in pieces; whatever "
            + "arrived before a connection dropped is kept, HEAD says how much (Upload-Offset), and the client sends the rest "
            + "from there instead of starting over. An unfinished upload is dropped after `layanan.documents.upload-expiry` (24 h) "
            + "without a byte.";
    static final String METADATA = "tus Upload-Metadata: comma-separated `key base64(value)` pairs; `filename` is kept for display";
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private static final Logger LOG = Logger.getLogger(Uploads.class);
    /** Bytes committed at a time: what a dropped connection can lose at most, and what one upload holds in memory. */
    static final int CHUNK = 256 * 1024;

    @Inject
    EntityManager em;

    @Inject
    DocumentService documents;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    @Inject
    UploadFolder folder;

    /** An upload as its row says. */
    record Upload(UUID id, String principal, long requestId, DocumentViews.FileKind kind, String documentCode, String fileName,
                  long length, long received, Instant expiresAt, Long fileId) {

        boolean finished() {
            return fileId != null;
        }
    }

    // ------------------------------------------------------------------ creation

    /** Creates an upload for a file of request {@code requestId}, after the checks the file itself will meet. */
    public Response create(Caller caller, long requestId, DocumentViews.FileKind kind, String documentCode, String lengthHeader,
                           String metadataHeader) {
        long length = length(lengthHeader);
        String fileName = fileName(metadataHeader);
        return QuarkusTransaction.joiningExisting().call(() -> {
            if (kind == DocumentViews.FileKind.ATTACHMENT) {
                documents.checkAttachable(caller, requestId, documentCode);
            } else {
                documents.checkResultable(caller, requestId);
            }
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            Instant expires = now.plus(config.documents().uploadExpiry());
            em.createNativeQuery("""
                            insert into file_upload (id, principal, request_id, kind, document_code, file_name, length, received, created_at, expires_at)
                            values (:id, :p, :r, :k, :c, :f, :l, 0, :now, :exp)""")
                    .setParameter("id", id).setParameter("p", caller.principalKey()).setParameter("r", requestId)
                    .setParameter("k", kind.name()).setParameter("c", documentCode).setParameter("f", fileName).setParameter("l", length)
                    .setParameter("now", Timestamp.from(now)).setParameter("exp", Timestamp.from(expires)).executeUpdate();
            return Response.created(URI.create("/api/v1/uploads/" + id)).header("Tus-Resumable", TUS_VERSION)
                    .header("Upload-Expires", HTTP_DATE.format(expires)).build();
        });
    }

    private long length(String header) {
        long length;
        try {
            length = header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 1) {
            throw ProblemException.invalid("Upload-Length", "is required: the file's size in bytes, at least 1");
        }
        long max = config.documents().maxFileSize().asLongValue();
        if (length > max) {
            throw FileContent.tooLarge(length, max);
        }
        return length;
    }

    /** The {@code filename} of tus Upload-Metadata ({@code key base64value,...}); "berkas" when not given. */
    static String fileName(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return "berkas";
        }
        String name = null;
        for (String pair : metadata.split(",")) {
            String[] kv = pair.strip().split(" ", 2);
            if (kv[0].isEmpty() || !kv[0].matches("[A-Za-z0-9._-]{1,100}")) {
                throw ProblemException.invalid("Upload-Metadata", "must be comma-separated pairs of a key and its base64 value");
            }
            if (kv[0].equals("filename") && kv.length == 2) {
                try {
                    name = new String(Base64.getDecoder().decode(kv[1].strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("Upload-Metadata", "the value of filename is not base64");
                }
            }
        }
        return name == null ? "berkas" : FileContent.displayName(name, FileContent.PDF).replaceAll("^berkas\\.pdf$", "berkas");
    }

    // ------------------------------------------------------------------ state

    /** The caller's upload; 404 for another's, an unknown one, or one expired unfinished. */
    Upload find(Caller caller, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> load(id)).filter(u -> u.principal().equals(caller.principalKey()))
                .filter(u -> u.finished() || u.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> ProblemException.notFound("upload " + id));
    }

    private Optional<Upload> load(UUID id) {
        List<?> rows = em.createNativeQuery("""
                        select id, principal, request_id, kind, document_code, file_name, length, received, expires_at, file_id
                          from file_upload where id = :id""", Tuple.class).setParameter("id", id).getResultList();
        return rows.stream().map(o -> {
            Tuple t = (Tuple) o;
            return new Upload(t.get("id", UUID.class), t.get("principal", String.class), ((Number) t.get("request_id")).longValue(),
                    DocumentViews.FileKind.valueOf(t.get("kind", String.class)), t.get("document_code", String.class),
                    t.get("file_name", String.class), ((Number) t.get("length")).longValue(), ((Number) t.get("received")).longValue(),
                    SqlValues.instant(t.get("expires_at")), t.get("file_id") == null ? null : ((Number) t.get("file_id")).longValue());
        }).findFirst();
    }

    /** What HEAD answers: where the upload stands. */
    public Response head(Caller caller, UUID id) {
        Upload u = find(caller, id);
        return Response.ok().header("Tus-Resumable", TUS_VERSION).header("Upload-Offset", u.received()).header("Upload-Length", u.length())
                .header("Upload-Expires", HTTP_DATE.format(u.expiresAt())).header("Cache-Control", "no-store").build();
    }

    /** Termination: the upload and its bytes are dropped (a file it already became stays). */
    public void delete(Caller caller, UUID id) {
        find(caller, id);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from file_upload where id = :id")
                .setParameter("id", id).executeUpdate());
    }

    // ------------------------------------------------------------------ bytes

    /**
     * Appends the body at {@code offsetHeader}, committing every {@link #CHUNK} bytes; when the last byte is in, the file
     * is made the request's. Answers the new offset.
     */
    public Response append(Caller caller, UUID id, String offsetHeader, String contentLength, InputStream body) throws IOException {
        Upload u = find(caller, id);
        long offset;
        try {
            offset = Long.parseLong(offsetHeader == null ? "" : offsetHeader.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("Upload-Offset", "is required: where these bytes start, as HEAD answers it");
        }
        if (offset != u.received()) {
            throw new ProblemException(ProblemCode.UPLOAD_OFFSET_MISMATCH, "Conflict",
                    "the upload stands at " + u.received() + ", not at " + offset + "; send from there");
        }
        long declared = parseLength(contentLength);
        if (declared >= 0 && offset + declared > u.length()) {
            throw FileContent.tooLarge(offset + declared, u.length());
        }
        long received = u.received();
        byte[] buffer = new byte[CHUNK];
        while (received < u.length()) {
            int filled = 0;
            IOException broken = null;
            try {
                while (filled < buffer.length) {
                    int n = body.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        break;
                    }
                    filled += n;
                }
            } catch (IOException e) {
                // the connection dropped: keep what arrived, so the client goes on from there
                broken = e;
            }
            if (filled > 0) {
                if (received + filled > u.length()) {
                    throw FileContent.tooLarge(received + filled, u.length());
                }
                if (received == 0) {
                    firstBytes(u, buffer, filled);
                }
                commit(u, received, buffer, filled);
                received += filled;
            }
            if (broken != null) {
                LOG.debugf("upload %s broke off at %d of %d bytes", id, received, u.length());
                throw broken;
            }
            if (filled < buffer.length) {
                break;
            }
        }
        if (received == u.length() && body.read() >= 0) {
            throw FileContent.tooLarge(u.length() + 1, u.length());
        }
        if (received == u.length() && !u.finished()) {
            finish(caller, load(id).orElseThrow());
        }
        return Response.noContent().header("Tus-Resumable", TUS_VERSION).header("Upload-Offset", received)
                .header("Upload-Expires", HTTP_DATE.format(clock.instant().plus(config.documents().uploadExpiry()))).build();
    }

    private static long parseLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A file of the wrong kind is refused at its first bytes, and its upload dropped. */
    private void firstBytes(Upload u, byte[] head, int length) {
        try {
            FileContent.check(head, Math.min(length, 16), null, u.fileName(),
                    u.kind() == DocumentViews.FileKind.RESULT ? FileContent.RESULTS : FileContent.SCANS);
        } catch (ProblemException e) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from file_upload where id = :id")
                    .setParameter("id", u.id()).executeUpdate());
            throw e;
        }
    }

    private void commit(Upload u, long at, byte[] buffer, int length) {
        byte[] data = length == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, length);
        QuarkusTransaction.requiringNew().run(() -> {
            int moved = em.createNativeQuery("""
                            update file_upload set received = received + :n, expires_at = :exp where id = :id and received = :at""")
                    .setParameter("n", length).setParameter("exp", Timestamp.from(clock.instant().plus(config.documents().uploadExpiry())))
                    .setParameter("id", u.id()).setParameter("at", at).executeUpdate();
            if (moved != 1) {
                throw new ProblemException(ProblemCode.UPLOAD_OFFSET_MISMATCH, "Conflict",
                        "another PATCH of this upload moved it on meanwhile; ask with HEAD where it stands");
            }
            em.createNativeQuery("insert into file_upload_chunk (upload_id, start_offset, data) values (:id, :at, :d)")
                    .setParameter("id", u.id()).setParameter("at", at).setParameter("d", data).executeUpdate();
        });
    }

    /** The whole file, checked, becomes the request's: in one transaction with marking the upload finished. */
    private void finish(Caller caller, Upload u) throws IOException {
        Path file = folder.newFile("tus-");
        try {
            assemble(u, file);
            FileContent.Received content;
            try {
                content = FileContent.inspect(file, null, u.fileName(),
                        u.kind() == DocumentViews.FileKind.RESULT ? FileContent.RESULTS : FileContent.SCANS,
                        config.documents().maxFileSize().asLongValue());
            } catch (ProblemException e) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from file_upload where id = :id")
                        .setParameter("id", u.id()).executeUpdate());
                throw e;
            }
            QuarkusTransaction.requiringNew().run(() -> {
                DocumentViews.FileView view = u.kind() == DocumentViews.FileKind.RESULT
                        ? documents.addResult(caller, u.requestId(), content)
                        : documents.attach(caller, u.requestId(), u.documentCode(), content);
                em.createNativeQuery("update file_upload set file_id = :f where id = :id").setParameter("f", view.id())
                        .setParameter("id", u.id()).executeUpdate();
                em.createNativeQuery("delete from file_upload_chunk where upload_id = :id").setParameter("id", u.id()).executeUpdate();
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes the committed chunks to {@code file} one at a time. */
    private void assemble(Upload u, Path file) throws IOException {
        List<Long> starts = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select start_offset from file_upload_chunk where upload_id = :id order by start_offset")
                .setParameter("id", u.id()).getResultList().stream().map(o -> ((Number) o).longValue()).toList());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long start : starts) {
                byte[] data = QuarkusTransaction.requiringNew().call(() -> (byte[]) em.createNativeQuery(
                                "select data from file_upload_chunk where upload_id = :id and start_offset = :s")
                        .setParameter("id", u.id()).setParameter("s", start).getSingleResult());
                out.write(data);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Unfinished uploads past their expiry are dropped with their bytes; finished ones once nobody needs their answer. */
    @Scheduled(every = "10m", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropExpired() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from file_upload where expires_at < :now")
                .setParameter("now", Timestamp.from(clock.instant())).executeUpdate());
    }
}
