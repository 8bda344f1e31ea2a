package id.go.layanandesa.request;

import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.request.Lifecycle.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The whole state machine of domain.md, one row per status: what may be done from it and where each action leads. */
class LifecycleTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "SUBMITTED   | ACCEPT REQUEST_INFO FORWARD CANCEL RELEASE REASSIGN",
            "IN_PROGRESS | REQUEST_INFO FORWARD COMPLETE REJECT REASSIGN",
            "NEEDS_INFO  | SUPPLY_INFO CANCEL REASSIGN",
            "COMPLETED   | ''",
            "REJECTED    | ''",
            "CANCELLED   | ''"})
    void whatMayBeDoneFromEachStatus(RequestStatus status, String allowed) {
        List<String> expected = allowed.isBlank() ? List.of() : Arrays.asList(allowed.split(" "));
        assertEquals(expected, Lifecycle.allowedFrom(status));
        for (Action action : Action.values()) {
            if (expected.contains(action.name())) {
                Lifecycle.check(action, status);
            } else {
                ProblemException refused = assertThrows(ProblemException.class, () -> Lifecycle.check(action, status));
                assertEquals(409, refused.status());
                assertEquals("INVALID_TRANSITION", refused.code());
                assertEquals(status.name(), refused.currentStatus());
                assertEquals(expected, refused.allowed());
            }
        }
    }

    @ParameterizedTest(name = "{0} leads to {1}")
    @CsvSource({"ACCEPT,IN_PROGRESS", "REQUEST_INFO,NEEDS_INFO", "SUPPLY_INFO,SUBMITTED", "FORWARD,SUBMITTED", "COMPLETE,COMPLETED",
            "REJECT,REJECTED", "CANCEL,CANCELLED", "RELEASE,SUBMITTED", "REASSIGN,SUBMITTED"})
    void whereEachActionLeads(Action action, RequestStatus to) {
        assertEquals(to, action.to());
    }

    @ParameterizedTest
    @CsvSource({"SUBMITTED,false", "IN_PROGRESS,false", "NEEDS_INFO,false", "COMPLETED,true", "REJECTED,true", "CANCELLED,true"})
    void finishedAndOpenAreOneDefinition(RequestStatus status, boolean finished) {
        assertEquals(finished, status.isFinished());
        assertEquals(!finished, RequestStatus.OPEN.contains(status));
        assertEquals(!finished, RequestStatus.OPEN_SQL.contains("'" + status.name() + "'"));
    }

    @ParameterizedTest(name = "{0} due {1}, today {2}: overdue {3}")
    @CsvSource({"SUBMITTED,2026-11-30,2026-12-01,true", "SUBMITTED,2026-11-30,2026-11-30,false", "NEEDS_INFO,2026-11-30,2026-12-01,false",
            "COMPLETED,2026-11-30,2026-12-01,false", "CANCELLED,2026-11-01,2026-12-01,false"})
    void overdueIsPastTheDueDayWithTheClockRunning(RequestStatus status, java.time.LocalDate due, java.time.LocalDate today, boolean overdue) {
        assertEquals(overdue, status.isOverdue(due, today));
    }
}
