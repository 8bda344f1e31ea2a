package id.go.layanandesa.common.error;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * The last guard between a failed statement and the log. The loggers known to print bound values are off (see
 * application.properties); any other log record that carries a database failure (a transaction manager
 * reporting a failed commit, a pool reporting a broken connection) is written without the failure's messages,
 * which quote the statement's values: a citizen's NIK and name, a password hash. Exception types, SQL states
 * and stack frames stay, as {@link SafeTraces} keeps them.
 */
@LoggingFilter(name = "database-failures")
public final class DatabaseFailureLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown == null || !fromDatabase(thrown)) {
            return true;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        for (Throwable t : chain(thrown)) {
            if (message != null && t.getMessage() != null && !t.getMessage().isEmpty()) {
                message = message.replace(t.getMessage(), "(message withheld)");
            }
        }
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(message, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(message);
        }
        record.setParameters(null);
        record.setThrown(Withheld.of(thrown));
        return true;
    }

    static boolean fromDatabase(Throwable thrown) {
        for (Throwable t : chain(thrown)) {
            String type = t.getClass().getName();
            if (t instanceof SQLException || type.startsWith("org.hibernate.") || type.startsWith("jakarta.persistence.")
                    || type.startsWith("org.postgresql.")) {
                return true;
            }
        }
        return false;
    }

    private static List<Throwable> chain(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** Stands in for a failure in the log: its type and SQL state as the message, its frames, its causes likewise. */
    static final class Withheld extends Exception {
        private Withheld(Throwable original, Withheld cause) {
            super(original.getClass().getName()
                    + (original instanceof SQLException sql && sql.getSQLState() != null ? " [SQLState " + sql.getSQLState() + "]" : "")
                    + " (message withheld: it may quote personal data)", cause, false, true);
            setStackTrace(original.getStackTrace());
        }

        static Withheld of(Throwable thrown) {
            List<Throwable> chain = chain(thrown);
            Withheld withheld = null;
            for (int i = chain.size() - 1; i >= 0; i--) {
                withheld = new Withheld(chain.get(i), withheld);
            }
            return withheld;
        }
    }
}
