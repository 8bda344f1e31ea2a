package id.go.layanandesa.common;

import id.go.layanandesa.common.error.SafeTraces;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTracesTest {

    @Test
    void aLoggedFailureKeepsTypesStatesAndFramesButNoMessage() {
        SQLException sql = new SQLException("ERROR: duplicate key; Detail: Key (citizen_nik)=(7324044107900001) already exists", "23505");
        RuntimeException failure = new RuntimeException("could not execute insert ... values ('Siti Rahmawati')", sql);
        String logged = SafeTraces.describe(failure);
        assertTrue(logged.startsWith("java.lang.RuntimeException"), logged);
        assertTrue(logged.contains("Caused by: java.sql.SQLException [SQLState 23505]"), logged);
        assertTrue(logged.contains("\tat id.go.layanandesa.common.SafeTracesTest"), logged);
        assertFalse(logged.contains("7324044107900001"), logged);
        assertFalse(logged.contains("Siti"), logged);
    }
}
