package id.go.layanandesa.request;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every change of one transaction, announced once just before it commits. Observers that move shared counters
 * (a queue's version, a desa's list version) listen here: the row locks they take are then held only through
 * the commit, not through the rest of the transaction's work. What an observer may only do once the changes are
 * committed (tell this instance's caches), it hands to {@link #afterCommit}. Their statements they hand to
 * {@link #execute}: the journal sends those of all observers to PostgreSQL together, one round trip after the
 * last observer, in the observers' order, on the transaction's connection; rows that every change shares are
 * then locked from that round trip to the commit, with no other round trip between.
 *
 * <p>Observers run in the order of their {@code @Priority}: a row that few transactions share first ({@link #DESA}),
 * then rows that every change shares, the one with the most work before its locks first ({@link #STATISTICS}: the
 * rollups read the request before they lock their counters) and the queue's version with its NOTIFY last
 * ({@link #QUEUE}), so that the counters every filing shares stay locked for as short a time as the commit allows.
 */
public record RequestChangesCommitting(List<RequestChange> changes, Consumer<Runnable> afterCommitHook,
                                       Consumer<Statement> statements) {

    /** The desa's list version: one row per desa. */
    public static final int DESA = 1000;
    /** The statistics' rollups. */
    public static final int STATISTICS = 2000;
    /** The queue's version and the NOTIFY that wakes waiting claims. */
    public static final int QUEUE = 3000;

    /** Sets the parameters of a statement from {@code first} on; answers the index after its last. */
    @FunctionalInterface
    public interface Binder {
        int bind(Connection connection, PreparedStatement statement, int first) throws SQLException;
    }

    /** Reads what a statement answered. */
    @FunctionalInterface
    public interface Reader {
        void read(ResultSet rows) throws SQLException;
    }

    /**
     * One statement of the commit. {@code reader} is null for a statement whose answer nobody needs (it may still answer
     * rows); {@code purpose} names it in the error when it fails.
     */
    public record Statement(String sql, Binder binder, Reader reader, String purpose) {
    }

    /** Runs {@code statement} just before the commit, with the other observers' statements, in one round trip. */
    public void execute(Statement statement) {
        statements.accept(statement);
    }

    /** Runs {@code action} after the transaction committed; not at all when it rolled back. */
    public void afterCommit(Runnable action) {
        afterCommitHook.accept(action);
    }
}
