package id.go.layanandesa.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC on the current transaction's connection: the pool hands the transaction's own connection out again, so
 * what runs here commits or rolls back with everything else the transaction did. For the statements of the hottest
 * paths (a filing issues a dozen): through the ORM each one also paid for query interpretation, parameter binding
 * and tuple building that a prepared statement does not need. Outside a transaction each call has a connection of
 * its own and commits by itself.
 *
 * <p>Parameters are bound by their Java type: {@link Instant} as {@code timestamptz}, enums by name, null as an untyped
 * null; anything else as the driver binds it (many rows as arrays: {@link UnnestColumns}). Rows are read by column name.
 */
@ApplicationScoped
public class TransactionSql {

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work with the transaction's connection itself, for what the other methods do not cover. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @Inject
    DataSource dataSource;

    /** Every row of a query. */
    public <T> List<T> list(String sql, RowReader<T> reader, Object... parameters) {
        return run(sql, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                bind(p, 1, parameters);
                try (ResultSet rows = p.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(reader.read(rows));
                    }
                    return out;
                }
            }
        });
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... parameters) {
        List<T> rows = list(sql, reader, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** Runs a statement that answers no rows; how many rows it changed. */
    public int update(String sql, Object... parameters) {
        return run(sql, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                bind(p, 1, parameters);
                return p.executeUpdate();
            }
        });
    }

    /** Runs {@code work} on the transaction's connection; {@code what} names it in the error of a failure. */
    public <T> T run(String what, ConnectionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new SqlFailure(what, e);
        }
    }

    /** Binds {@code parameters} from index {@code first} on; the index after the last. */
    public static int bind(PreparedStatement p, int first, Object... parameters) throws SQLException {
        int i = first;
        for (Object value : parameters) {
            switch (value) {
                case null -> p.setNull(i, Types.NULL);
                case Instant instant -> p.setObject(i, utc(instant));
                case Enum<?> e -> p.setString(i, e.name());
                default -> p.setObject(i, value);
            }
            i++;
        }
        return i;
    }

    /** An instant as the driver binds a {@code timestamptz}; null for null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column as an instant; null for null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code bigint} column that may be null. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** A statement failed; the database's own error is the cause (its SQL state tells a conflict from a fault). */
    public static final class SqlFailure extends RuntimeException {
        SqlFailure(String what, SQLException cause) {
            super(what.length() > 200 ? what.substring(0, 200) + "…" : what, cause);
        }
    }
}
