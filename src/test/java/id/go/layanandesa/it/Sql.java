package id.go.layanandesa.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One value read over plain JDBC, as the packaged-jar tests check what the service wrote or how its database is set up. */
final class Sql {

    private Sql() {
    }

    /** The first column of the first row, as text. */
    static String text(Connection c, String sql) throws SQLException {
        return first(c, sql, rs -> rs.getString(1));
    }

    /** The first column of the first row, as a number. */
    static long number(Connection c, String sql) throws SQLException {
        return first(c, sql, rs -> rs.getLong(1));
    }

    private interface Column<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static <T> T first(Connection c, String sql, Column<T> column) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return column.read(rs);
        }
    }
}
