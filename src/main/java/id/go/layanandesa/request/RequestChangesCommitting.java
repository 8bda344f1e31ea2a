package id.go.layanandesa.request;

import java.util.List;
import java.util.function.Consumer;

/**
 * Every change of one transaction, announced once just before it commits. Observers that move shared counters
 * (a queue's version, a desa's list version) listen here: the row locks they take are then held only through
 * the commit, not through the rest of the transaction's work. What an observer may only do once the changes are
 * committed (tell this instance's caches), it hands to {@link #afterCommit}.
 */
public record RequestChangesCommitting(List<RequestChange> changes, Consumer<Runnable> afterCommitHook) {

    /** Runs {@code action} after the transaction committed; not at all when it rolled back. */
    public void afterCommit(Runnable action) {
        afterCommitHook.accept(action);
    }
}
