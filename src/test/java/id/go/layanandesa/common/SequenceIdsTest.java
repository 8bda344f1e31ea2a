package id.go.layanandesa.common;

import id.go.layanandesa.request.RequestEvent;
import id.go.layanandesa.request.RequestStatus;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids taken with plain JDBC and by the ORM, from the same sequence, on any number of instances, never meet. */
@QuarkusTest
class SequenceIdsTest {

    @Inject
    DataSource dataSource;

    @Test
    void twoInstancesTakeDisjointBlocksOfFiftyInOrder() throws Exception {
        SequenceIds one = new SequenceIds();
        SequenceIds other = new SequenceIds();
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < 120; i++) {
                ids.add(one.next(c, "request_event_seq"));
                ids.add(other.next(c, "request_event_seq"));
            }
        }
        assertEquals(240, new HashSet<>(ids).size(), "no id twice");
        for (int i = 2; i < ids.size(); i += 2) {
            assertTrue(ids.get(i) > ids.get(i - 2), "each instance's ids grow");
        }
    }

    @Test
    void theOrmsIdsAndFilingsIdsNeverMeet() {
        String officer = TestAccounts.desaOfficer("73.24.04.2001");
        long request = Filings.fileOne(officer);
        String filedCount = "select count(*) from request_event where type = 'FILED'";
        long filedBefore = Db.count(filedCount);
        Set<Long> ormIds = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            // a filing took a block before: the ORM's next block starts after it (read wrongly, its first id would be the filing's)
            // the ORM takes a block of its own for the history's entries, as code that persists them does
            ormIds.add(QuarkusTransaction.requiringNew().call(() -> {
                RequestEvent e = new RequestEvent();
                e.requestId = request;
                e.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                e.type = RequestEvent.EventType.FLAGGED;
                e.actorKind = "SYSTEM";
                e.fromStatus = RequestStatus.SUBMITTED;
                e.toStatus = RequestStatus.SUBMITTED;
                e.persist();
                return e.id;
            }));
            for (int i = 0; i < 5; i++) {
                Filings.fileOne(officer);
            }
        }
        long ormRows = QuarkusTransaction.requiringNew().call(() -> RequestEvent.count("id in ?1", ormIds));
        assertEquals(3, ormRows, "the ORM's entries were written under their own ids");
        assertEquals(filedBefore + 15, Db.count(filedCount), "every filing was written, none refused for an id the ORM holds");
    }
}
