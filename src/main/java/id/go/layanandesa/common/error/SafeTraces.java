package id.go.layanandesa.common.error;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Describes a failure for the log without any exception message: messages of database errors carry the
 * statement's values (a citizen's NIK and name, a password hash), and personal data never goes to logs.
 * What remains, exception types, SQL states and stack frames, is what finding the fault needs.
 */
public final class SafeTraces {

    private static final int FRAMES_PER_CAUSE = 25;

    private SafeTraces() {
    }

    public static String describe(Throwable failure) {
        StringBuilder s = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = failure;
        boolean first = true;
        while (t != null && seen.add(t)) {
            s.append(first ? "" : "\nCaused by: ").append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                s.append(" [SQLState ").append(sql.getSQLState()).append(']');
            }
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, FRAMES_PER_CAUSE); i++) {
                s.append("\n\tat ").append(frames[i]);
            }
            if (frames.length > FRAMES_PER_CAUSE) {
                s.append("\n\t... ").append(frames.length - FRAMES_PER_CAUSE).append(" more");
            }
            first = false;
            t = t.getCause();
        }
        return s.toString();
    }
}
