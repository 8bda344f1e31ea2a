package id.go.layanandesa.request;

import java.util.List;

/**
 * Every change of one transaction, announced once just before it commits. Observers that move shared counters
 * (a queue's version, a desa's list version) listen here: the row locks they take are then held only through
 * the commit, not through the rest of the transaction's work.
 */
public record RequestChangesCommitting(List<RequestChange> changes) {
}
