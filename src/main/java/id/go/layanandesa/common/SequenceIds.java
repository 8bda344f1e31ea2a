package id.go.layanandesa.common;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids for rows written with plain JDBC, from the same sequences the ORM uses and in the same way: the sequences
 * step by 50 and a value {@code v} stands for the ids {@code v … v + 49} (Quarkus' default {@code pooled-lo}
 * optimizer), so that ids taken here and by the ORM, on any instance, never meet. One round trip per 50 ids.
 */
@ApplicationScoped
public class SequenceIds {

    /** The sequences' step, and the block the ORM takes for an entity's generated id (its default allocation size). */
    public static final int BLOCK = 50;

    private static final Set<String> SEQUENCES = Set.of("service_request_seq", "request_event_seq");

    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    /** The next id of {@code sequence}, taking a new block on {@code connection} when this one is used up. */
    public long next(Connection connection, String sequence) throws SQLException {
        if (!SEQUENCES.contains(sequence)) {
            throw new IllegalArgumentException("not a sequence of blocks of " + BLOCK + ": " + sequence);
        }
        return blocks.computeIfAbsent(sequence, Block::new).next(connection);
    }

    private static final class Block {
        private final String sql;
        private long next;
        private long end = -1;

        Block(String sequence) {
            sql = "select nextval('" + sequence + "')";
        }

        synchronized long next(Connection connection) throws SQLException {
            if (next > end) {
                try (PreparedStatement p = connection.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
                    rs.next();
                    next = rs.getLong(1);
                    end = next + BLOCK - 1;
                }
            }
            return next++;
        }
    }
}
