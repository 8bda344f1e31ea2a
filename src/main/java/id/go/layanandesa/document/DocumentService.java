package id.go.layanandesa.document;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.request.Actor;
import id.go.layanandesa.request.DocumentDeclaration;
import id.go.layanandesa.request.RequestAccess;
import id.go.layanandesa.request.RequestEvent;
import id.go.layanandesa.request.RequestJournal;
import id.go.layanandesa.request.RequestStatus;
import id.go.layanandesa.request.ResultDocuments;
import id.go.layanandesa.request.ServiceRequest;
import id.go.layanandesa.request.TrackingCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The rules of request files: a desa attaches scans to the documents its request declares as ATTACHED while the
 * request is SUBMITTED or NEEDS_INFO; the OPD that works a request adds the PDF it produced while IN_PROGRESS and
 * completes the request with it; whoever may read a request reads its files (the desa sees a result document once
 * the request is completed with it); anyone verifies a completed result document by its code. Every file added is a
 * change of its request, recorded in the history through {@link RequestJournal}.
 *
 * <p>The content is made durable in the {@link BlobStore} while its row is written, in the transaction that records the
 * change, and before that transaction commits: a crash before the commit leaves a content no row names, which
 * {@link BlobSweeper} removes later, and never a row naming a content that is not kept.
 */
@ApplicationScoped
@Transactional
public class DocumentService implements ResultDocuments {

    private static final Set<RequestStatus> ATTACHABLE = Set.of(RequestStatus.SUBMITTED, RequestStatus.NEEDS_INFO);

    @Inject
    EntityManager em;

    @Inject
    RequestAccess access;

    @Inject
    RequestJournal journal;

    @Inject
    DocumentStore store;

    @Inject
    BlobStore blobs;

    @Inject
    LayananConfig config;

    @Inject
    Clock clock;

    /** Where contents are made durable while their rows are written. */
    private static final ExecutorService KEEPING = Executors.newVirtualThreadPerTaskExecutor();

    /** Checks what an attachment may be added to, before its bytes are taken in (a resumable upload's creation). */
    public ServiceRequest checkAttachable(Caller caller, long requestId, String documentCode) {
        ServiceRequest r = access.changeable(caller, requestId);
        if (!ATTACHABLE.contains(r.status)) {
            throw ProblemException.invalidTransition("attach a file to", r.status.name(), List.of("SUBMITTED", "NEEDS_INFO"));
        }
        DocumentDeclaration declared = r.documents.stream().filter(d -> d.code().equals(documentCode)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("document " + documentCode + " of request " + requestId));
        if (declared.provision() != DocumentDeclaration.Provision.ATTACHED) {
            throw new ProblemException(ProblemCode.DOCUMENT_NOT_ATTACHED, "Conflict", "request " + requestId + " declares "
                    + documentCode + " as " + declared.provision() + "; declare it ATTACHED (supplying information) to attach a file");
        }
        checkRoom(r.id, 1);
        return r;
    }

    /** Checks what a result document may be added to (a resumable upload's creation). */
    public ServiceRequest checkResultable(Caller caller, long requestId) {
        ServiceRequest r = access.changeable(caller, requestId);
        if (r.status != RequestStatus.IN_PROGRESS) {
            throw ProblemException.invalidTransition("add a result document to", r.status.name(), List.of("IN_PROGRESS"));
        }
        // a new result document replaces the one waiting, so it needs no room of its own then
        checkRoom(r.id, store.pendingResults(r.id).isEmpty() ? 1 : 0);
        return r;
    }

    private void checkRoom(long requestId, int more) {
        int max = config.documents().maxFilesPerRequest();
        if (store.countOf(requestId) + more > max) {
            throw new ProblemException(ProblemCode.TOO_MANY_FILES, "Conflict", "request " + requestId + " holds " + max
                    + " files, as many as one request may");
        }
    }

    /** Attaches a received file to a declared document of a request. */
    public DocumentViews.FileView attach(Caller caller, long requestId, String documentCode, FileContent.Received content) {
        ServiceRequest r = checkAttachable(caller, requestId, documentCode);
        Instant now = now();
        Kept kept = keep(caller, r, DocumentViews.FileKind.ATTACHMENT, documentCode, content, now);
        record(caller, r, RequestEvent.EventType.DOCUMENT_ATTACHED, now, documentCode + ": " + describe(content));
        kept.awaitDurable();
        return kept.file().view();
    }

    /** Adds the result document (a PDF) an IN_PROGRESS request will be completed with; it replaces one added before. */
    public DocumentViews.FileView addResult(Caller caller, long requestId, FileContent.Received content) {
        ServiceRequest r = checkResultable(caller, requestId);
        Instant now = now();
        for (DocumentStore.StoredFile earlier : store.pendingResults(r.id)) {
            store.delete(earlier.id());
        }
        Kept kept = keep(caller, r, DocumentViews.FileKind.RESULT, null, content, now);
        record(caller, r, RequestEvent.EventType.RESULT_ATTACHED, now, "result document " + kept.file().id() + ": " + describe(content));
        kept.awaitDurable();
        return kept.file().view();
    }

    /** A file's row, and the writing of its content, which must be durable before the row commits. */
    private record Kept(DocumentStore.StoredFile file, Future<?> content) {

        void awaitDurable() {
            try {
                content.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw new UncheckedIOException("the file could not be kept", io);
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the file was being kept", e);
            }
        }
    }

    /**
     * Once the checks passed: holds the content against the sweeper, starts making it durable in the {@link BlobStore}
     * and meanwhile writes its row, so that forcing the file to disk and the statements of the change overlap. The
     * caller awaits the content ({@link Kept#awaitDurable}) before the transaction commits.
     */
    private Kept keep(Caller caller, ServiceRequest r, DocumentViews.FileKind kind, String documentCode,
                      FileContent.Received content, Instant now) {
        store.holdContent(content.sha256());
        Future<?> durable = KEEPING.submit(() -> {
            blobs.put(content.sha256(), content.file(), content.size());
            return null;
        });
        try {
            return new Kept(store.insert(r.id, kind, documentCode, content, now, caller.principalKey(), caller.displayName()), durable);
        } catch (RuntimeException e) {
            try {
                new Kept(null, durable).awaitDurable();
            } catch (RuntimeException ignored) {
                // the row's failure is the one to answer
            }
            throw e;
        }
    }

    private void record(Caller caller, ServiceRequest r, RequestEvent.EventType type, Instant now, String note) {
        // a file is a change of its request: a new version, and a history entry everyone observing requests sees
        r.updatedAt = now;
        em.flush();
        journal.record(r, type, Actor.of(caller), now, r.status, r.opdId, note);
    }

    private static String describe(FileContent.Received content) {
        return content.mediaType() + ", " + content.size() + " bytes, sha256 " + content.sha256();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The files of a request the caller may read. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DocumentViews.FileList list(Caller caller, long requestId) {
        ServiceRequest r = access.readable(caller, requestId);
        return new DocumentViews.FileList(store.ofRequest(r.id).stream().filter(f -> visible(caller, f)).map(DocumentStore.StoredFile::view).toList());
    }

    /** One file of a request the caller may read; 404 for one it may not see. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DocumentStore.StoredFile file(Caller caller, long requestId, long fileId) {
        ServiceRequest r = access.readable(caller, requestId);
        return store.find(r.id, fileId).filter(f -> visible(caller, f))
                .orElseThrow(() -> ProblemException.notFound("file " + fileId + " of request " + requestId));
    }

    /** The desa sees a result document once its request was completed with it; the OPDs and the admin at once. */
    private static boolean visible(Caller caller, DocumentStore.StoredFile f) {
        return f.kind() == DocumentViews.FileKind.ATTACHMENT || f.verificationCode() != null || caller.role() != Role.DESA_OFFICER;
    }

    @Override
    public String completeWith(ServiceRequest request, long fileId, Instant at) {
        DocumentStore.StoredFile file = store.find(request.id, fileId)
                .filter(f -> f.kind() == DocumentViews.FileKind.RESULT && f.verificationCode() == null)
                .orElseThrow(() -> ProblemException.invalid("resultDocumentId", "is not a result document added to request " + request.id));
        String code;
        do {
            code = TrackingCodes.next();
        } while (store.verificationCodeTaken(code));
        store.markCompleted(file.id(), code, at);
        return " [result document " + file.id() + ", sha256 " + file.sha256() + ", verification code " + code + "]";
    }

    /** Public verification: what a result document is, by its code; with a SHA-256, whether it is the genuine file's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DocumentViews.Verification verify(String code, String sha256) {
        String normal = code == null ? null : TrackingCodes.normalise(code);
        DocumentStore.Verifiable v = normal == null ? null : store.verifiable(normal).orElse(null);
        if (v == null) {
            throw ProblemException.notFound("document with verification code " + code);
        }
        LocalDate date = LocalDate.ofInstant(v.completedAt(), TimeZones.forRegion(v.kabupatenCode()));
        Boolean matches = sha256 == null ? null : v.sha256().equalsIgnoreCase(sha256.strip());
        return new DocumentViews.Verification(v.verificationCode(), v.serviceName(), v.opdName(), date, v.documentNumber(), v.sha256(), matches);
    }
}
