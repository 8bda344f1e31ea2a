package id.go.layanandesa.common.error;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.*;

class DatabaseFailureLogFilterTest {

    static final String VALUES = "Batch entry 0 insert into service_request (citizen_name, citizen_nik) values (('Siti Rahmawati'),"
            + "('7324044107900001')) was aborted: ERROR: duplicate key value. Detail: Key (citizen_nik)=(7324044107900001) already exists.";

    static String formatted(ExtLogRecord record) {
        return new PatternFormatter("%s%e").format(record);
    }

    @Test
    void aRecordCarryingADatabaseFailureKeepsTypesStatesAndFramesButNoMessages() {
        SQLException sql = new BatchUpdateException(VALUES, "23505", 0, new int[0], new SQLException(VALUES, "23505"));
        RuntimeException wrapped = new RuntimeException("could not execute batch [" + VALUES + "]", sql);
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "ARJUNA012125: beforeCompletion failed for {0}: {1}",
                ExtLogRecord.FormatStyle.MESSAGE_FORMAT, DatabaseFailureLogFilterTest.class.getName());
        record.setParameters(new Object[]{"SynchronizationImple<0:ffff>", wrapped.getMessage()});
        record.setThrown(wrapped);

        assertTrue(new DatabaseFailureLogFilter().isLoggable(record), "the record is still written");
        String out = formatted(record);
        assertFalse(out.contains("Siti"), out);
        assertFalse(out.contains("7324044107900001"), out);
        assertTrue(out.contains("ARJUNA012125: beforeCompletion failed for SynchronizationImple<0:ffff>"), out);
        assertTrue(out.contains("java.sql.BatchUpdateException [SQLState 23505]"), out);
        assertTrue(out.contains("at id.go.layanandesa.common.error.DatabaseFailureLogFilterTest"), "frames stay: " + out);
    }

    @Test
    void otherRecordsAreLeftAsTheyAre() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "request failed", ExtLogRecord.FormatStyle.NO_FORMAT, "x");
        IllegalStateException failure = new IllegalStateException("no triage OPD");
        record.setThrown(failure);
        assertTrue(new DatabaseFailureLogFilter().isLoggable(record));
        assertSame(failure, record.getThrown());
        assertEquals("request failed", record.getFormattedMessage());
    }
}
