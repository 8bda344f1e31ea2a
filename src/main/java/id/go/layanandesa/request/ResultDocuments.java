package id.go.layanandesa.request;

import java.time.Instant;

/**
 * The result document a completion carries: the document feature (document/) implements it, so that the request's
 * life does not depend on how files are kept.
 */
public interface ResultDocuments {

    /**
     * Completes {@code request} with the result document {@code fileId} that was added to it; answers what the
     * COMPLETED history entry says of it (its SHA-256 and verification code). 400 when no such document waits on it.
     */
    String completeWith(ServiceRequest request, long fileId, Instant at);
}
