package id.go.layanandesa.common;

import id.go.layanandesa.common.error.DatabaseFailureLogFilter;
import id.go.layanandesa.common.error.SafeTraces;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.*;

/** A failed statement reaches the caller as {@link TransactionSql.SqlFailure} and the log without the values it quoted. */
class TransactionSqlTest {

    static final String DETAIL = "ERROR: duplicate key value violates unique constraint. Detail: Key (citizen_nik)=(7324044107900001) already exists.";

    /** A pool whose connections refuse every statement with the driver's message, or that gives no connection at all. */
    static TransactionSql over(SQLException failure, boolean connects) {
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(TransactionSqlTest.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "setObject", "setString", "setNull" -> null;
                    default -> throw failure;
                });
        Connection connection = (Connection) Proxy.newProxyInstance(TransactionSqlTest.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "prepareStatement" -> statement;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        TransactionSql sql = new TransactionSql();
        sql.dataSource = (DataSource) Proxy.newProxyInstance(TransactionSqlTest.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (!connects) {
                        throw failure;
                    }
                    return connection;
                });
        return sql;
    }

    static String logged(Throwable failure) {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "transaction failed: " + failure.getMessage(),
                ExtLogRecord.FormatStyle.NO_FORMAT, TransactionSqlTest.class.getName());
        record.setThrown(failure);
        assertTrue(new DatabaseFailureLogFilter().isLoggable(record));
        return new PatternFormatter("%s%e").format(record);
    }

    @Test
    void aRefusedStatementNamesItselfAndKeepsTheDatabasesErrorAsItsCauseButNotInTheLog() {
        SQLException refused = new SQLException(DETAIL, "23505");
        TransactionSql.SqlFailure failure = assertThrows(TransactionSql.SqlFailure.class,
                () -> over(refused, true).update("insert into service_request (citizen_nik) values (?)", "7324044107900001"));
        assertSame(refused, failure.getCause());
        assertEquals("insert into service_request (citizen_nik) values (?)", failure.getMessage(), "the statement, not its values");
        String log = logged(failure);
        assertFalse(log.contains("7324044107900001"), log);
        assertTrue(log.contains("[SQLState 23505]"), log);
        String trace = SafeTraces.describe(failure);
        assertFalse(trace.contains("7324044107900001"), trace);
        assertTrue(trace.contains("TransactionSql$SqlFailure") && trace.contains("[SQLState 23505]"), trace);
    }

    @Test
    void aDatabaseThatIsAwayFailsTheSameWay() {
        SQLException away = new SQLException("Connection to 127.0.0.1:5432 refused for user layanan", "08001");
        TransactionSql.SqlFailure failure = assertThrows(TransactionSql.SqlFailure.class,
                () -> over(away, false).first("select 1 as one", row -> row.getInt("one")));
        assertSame(away, failure.getCause());
        String log = logged(failure);
        assertFalse(log.contains("refused for user"), log);
        assertTrue(log.contains("[SQLState 08001]"), log);
    }

    @Test
    void aLongStatementIsCutInTheFailuresMessage() {
        String sql = "select " + "x, ".repeat(100) + "1";
        TransactionSql.SqlFailure failure = assertThrows(TransactionSql.SqlFailure.class,
                () -> over(new SQLException("boom", "XX000"), true).list(sql, row -> 1));
        assertEquals(sql.substring(0, 200) + "…", failure.getMessage());
    }
}
