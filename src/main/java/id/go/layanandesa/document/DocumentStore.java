package id.go.layanandesa.document;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import static id.go.layanandesa.common.SqlValues.instant;

/** The queries of request files, in one place, mapped to typed rows. */
@ApplicationScoped
public class DocumentStore {

    /** A row of request_file. */
    public record StoredFile(long id, long requestId, DocumentViews.FileKind kind, String documentCode, String sha256, long size,
                             String mediaType, String fileName, Instant uploadedAt, String uploadedBy, String uploadedByName,
                             String verificationCode, Instant completedAt) {

        DocumentViews.FileView view() {
            return new DocumentViews.FileView(id, kind, documentCode, fileName, mediaType, size, sha256, uploadedAt, uploadedByName,
                    "/api/v1/requests/" + requestId + "/files/" + id, verificationCode, completedAt);
        }
    }

    /** What public verification reads: the file, its request's service and OPD, nothing personal. */
    public record Verifiable(String verificationCode, String sha256, Instant completedAt, String documentNumber, String kabupatenCode,
                             String serviceName, String opdName) {
    }

    private static final String COLUMNS = """
            id, request_id, kind, document_code, sha256, size_bytes, media_type, file_name, uploaded_at, uploaded_by, uploaded_by_name,
            verification_code, completed_at""";

    @Inject
    EntityManager em;

    /** Waits until no sweep deletes this content, and keeps it from being swept until the transaction ends. */
    public void holdContent(String sha256) {
        em.createNativeQuery("select pg_advisory_xact_lock_shared(hashtext('layanan-blob'), hashtext(:s))")
                .setParameter("s", sha256).getSingleResult();
    }

    /**
     * Whether a sweep may delete this content now: no upload is committing it, and no backup is copying the data
     * folder's files (it takes the deletion lock exclusively, see {@code backup.BackupWriter}); held until the transaction
     * ends.
     */
    public boolean tryExclusive(String sha256) {
        return Boolean.TRUE.equals(em.createNativeQuery("select pg_try_advisory_xact_lock_shared(hashtext('layanan-blob-deletion'), 0) "
                        + "and pg_try_advisory_xact_lock(hashtext('layanan-blob'), hashtext(:s))")
                .setParameter("s", sha256).getSingleResult());
    }

    public boolean referenced(String sha256) {
        return !em.createNativeQuery("select 1 from request_file where sha256 = :s limit 1").setParameter("s", sha256)
                .getResultList().isEmpty();
    }

    public StoredFile insert(long requestId, DocumentViews.FileKind kind, String documentCode, FileContent.Received content,
                             Instant at, String principal, String principalName) {
        long id = ((Number) em.createNativeQuery("select nextval('request_file_seq')").getSingleResult()).longValue();
        em.createNativeQuery("""
                        insert into request_file (id, request_id, kind, document_code, sha256, size_bytes, media_type, file_name, uploaded_at,
                                                  uploaded_by, uploaded_by_name)
                        values (:id, :r, :k, :c, :s, :n, :t, :f, :at, :by, :name)""")
                .setParameter("id", id).setParameter("r", requestId).setParameter("k", kind.name()).setParameter("c", documentCode)
                .setParameter("s", content.sha256()).setParameter("n", content.size()).setParameter("t", content.mediaType())
                .setParameter("f", content.fileName()).setParameter("at", Timestamp.from(at)).setParameter("by", principal)
                .setParameter("name", principalName)
                .executeUpdate();
        return new StoredFile(id, requestId, kind, documentCode, content.sha256(), content.size(), content.mediaType(), content.fileName(),
                at, principal, principalName, null, null);
    }

    public List<StoredFile> ofRequest(long requestId) {
        return em.createNativeQuery("select " + COLUMNS + " from request_file where request_id = :r order by id", Tuple.class)
                .setParameter("r", requestId).getResultList().stream().map(t -> map((Tuple) t)).toList();
    }

    public long countOf(long requestId) {
        return ((Number) em.createNativeQuery("select count(*) from request_file where request_id = :r").setParameter("r", requestId)
                .getSingleResult()).longValue();
    }

    public Optional<StoredFile> find(long requestId, long fileId) {
        return em.createNativeQuery("select " + COLUMNS + " from request_file where request_id = :r and id = :id", Tuple.class)
                .setParameter("r", requestId).setParameter("id", fileId).getResultList().stream().map(t -> map((Tuple) t)).findFirst();
    }

    /** Result documents added to the request that no completion took yet. */
    public List<StoredFile> pendingResults(long requestId) {
        return ofRequest(requestId).stream().filter(f -> f.kind() == DocumentViews.FileKind.RESULT && f.verificationCode() == null).toList();
    }

    public void delete(long fileId) {
        em.createNativeQuery("update file_upload set file_id = null where file_id = :id").setParameter("id", fileId).executeUpdate();
        em.createNativeQuery("delete from request_file where id = :id").setParameter("id", fileId).executeUpdate();
    }

    /**
     * Forgets every file of these requests, their rows and their uploads (finished or not, with the bytes received); the
     * contents the rows named, which may now be named by no row.
     */
    public java.util.Set<String> forgetFilesOf(java.util.Collection<Long> requestIds) {
        if (requestIds.isEmpty()) {
            return java.util.Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> hashes = em.createNativeQuery("select distinct sha256 from request_file where request_id in :ids")
                .setParameter("ids", requestIds).getResultList();
        em.createNativeQuery("delete from file_upload where request_id in :ids").setParameter("ids", requestIds).executeUpdate();
        em.createNativeQuery("delete from request_file where request_id in :ids").setParameter("ids", requestIds).executeUpdate();
        java.util.Set<String> contents = new java.util.TreeSet<>();
        hashes.forEach(h -> contents.add(h.toString().strip()));
        return contents;
    }

    public void markCompleted(long fileId, String verificationCode, Instant at) {
        em.createNativeQuery("update request_file set verification_code = :v, completed_at = :at where id = :id")
                .setParameter("v", verificationCode).setParameter("at", Timestamp.from(at)).setParameter("id", fileId).executeUpdate();
    }

    public boolean verificationCodeTaken(String code) {
        return !em.createNativeQuery("select 1 from request_file where verification_code = :v").setParameter("v", code)
                .getResultList().isEmpty();
    }

    public Optional<Verifiable> verifiable(String code) {
        List<?> rows = em.createNativeQuery("""
                        select f.verification_code, f.sha256, f.completed_at, r.document_number, r.kabupaten_code,
                               st.name as service_name, o.name as opd_name
                          from request_file f
                          join service_request r on r.id = f.request_id
                          join service_type st on st.id = r.service_type_id
                          join opd o on o.id = r.opd_id
                         where f.verification_code = :v""", Tuple.class)
                .setParameter("v", code).getResultList();
        return rows.stream().map(o -> {
            Tuple t = (Tuple) o;
            return new Verifiable(t.get("verification_code", String.class), t.get("sha256", String.class),
                    instant(t.get("completed_at")), t.get("document_number", String.class), t.get("kabupaten_code", String.class),
                    t.get("service_name", String.class), t.get("opd_name", String.class));
        }).findFirst();
    }

    private static StoredFile map(Tuple t) {
        return new StoredFile(((Number) t.get("id")).longValue(), ((Number) t.get("request_id")).longValue(),
                DocumentViews.FileKind.valueOf(t.get("kind", String.class)), t.get("document_code", String.class),
                t.get("sha256").toString().strip(), ((Number) t.get("size_bytes")).longValue(), t.get("media_type", String.class),
                t.get("file_name", String.class), instant(t.get("uploaded_at")), t.get("uploaded_by", String.class),
                t.get("uploaded_by_name", String.class), t.get("verification_code", String.class), instant(t.get("completed_at")));
    }
}
