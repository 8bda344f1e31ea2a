package id.go.layanandesa.audit;

import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.EmbeddedPostgresResource;
import id.go.layanandesa.support.Filings;
import id.go.layanandesa.support.MatrixFixtures;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The history of requests and the audit trail are append-only: the database role the service connects as may add rows
 * but neither change nor remove them, nor drop the rule that says so; even the schema's owner is stopped by it.
 */
@QuarkusTest
class AppendOnlyTest {

    /** The history of one request and one audit entry, as text: what must not change. */
    private static String snapshot(long request, long entry) {
        return Db.single("select (select string_agg(to_jsonb(e)::text, '|' order by e.id) from request_event e where e.request_id = ?1) "
                + "|| (select to_jsonb(a)::text from audit_entry a where a.id = ?2)", request, entry).toString();
    }

    private static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        return null;
    }

    private static long freshRows() {
        String admin = TestAccounts.admin(AuthFixtures.KABUPATEN);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("date", MatrixFixtures.uniqueDate().toString(), "name", "Libur Uji"))
                .post("/api/v1/holidays").then().statusCode(201);
        return Db.count("select max(id) from audit_entry where action = 'createHoliday'");
    }

    @Test
    void theServicesOwnConnectionCannotUpdateOrDeleteHistoryOrAuditRows() {
        long request = Filings.fileOne(TestAccounts.desaOfficer(AuthFixtures.DESA));
        long entry = freshRows();
        String before = snapshot(request, entry);
        for (String sql : List.of(
                "update request_event set note = 'rewritten' where request_id = " + request,
                "update request_event set note = '[DIHAPUS]' where request_id = " + request,
                "delete from request_event where request_id = " + request,
                "truncate request_event",
                "update audit_entry set action = 'rewritten' where id = " + entry,
                "delete from audit_entry where id = " + entry,
                "truncate audit_entry")) {
            RuntimeException refused = assertThrows(RuntimeException.class, () -> Db.exec(sql), sql);
            assertEquals("42501", sqlState(refused), sql + ": permission denied");
        }
        assertEquals(before, snapshot(request, entry));
        assertEquals("t t f f f", Db.single("""
                select concat_ws(' ', has_table_privilege(current_user, 'audit_entry', 'SELECT'),
                       has_table_privilege(current_user, 'audit_entry', 'INSERT'), has_table_privilege(current_user, 'audit_entry', 'UPDATE'),
                       has_table_privilege(current_user, 'request_event', 'DELETE'), has_table_privilege(current_user, 'request_event', 'TRUNCATE'))"""));
        assertEquals(EmbeddedDatabase.SERVICE_ROLE, Db.single("select current_user"), "these were the service's own connection");
    }

    @Test
    void theServiceRoleCannotDropTheRuleNorChangeTheSchema() {
        for (String sql : List.of(
                "alter table audit_entry disable trigger audit_entry_append_only",
                "drop trigger request_event_append_only on request_event",
                "alter table request_event add column rewritten text",
                "create table escape_hatch (id int)")) {
            RuntimeException refused = assertThrows(RuntimeException.class, () -> Db.exec(sql), sql);
            assertEquals("42501", sqlState(refused), sql);
        }
    }

    @Test
    void evenTheSchemasOwnerCannotChangeOrRemoveTheRows() throws Exception {
        long request = Filings.fileOne(TestAccounts.desaOfficer(AuthFixtures.DESA));
        long entry = freshRows();
        String before = snapshot(request, entry);
        EmbeddedDatabase db = EmbeddedPostgresResource.database();
        try (Connection owner = DriverManager.getConnection(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword());
             Statement s = owner.createStatement()) {
            for (String sql : List.of("update request_event set note = 'rewritten' where request_id = " + request,
                    "update request_event set note = '[DIHAPUS]', actor_name = 'rewritten' where request_id = " + request,
                    "update request_event set public_note = '[DIHAPUS]', to_status = 'CANCELLED' where request_id = " + request,
                    "delete from audit_entry where id = " + entry, "truncate audit_entry")) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(refused.getMessage().contains("is append-only"), refused.getMessage());
            }
        }
        assertEquals(before, snapshot(request, entry));
    }

    @Test
    void aPurgeReplacesTheHistorysNotesThroughItsFunctionAndNothingElseOfTheHistory() {
        long request = Filings.fileOne(TestAccounts.desaOfficer(AuthFixtures.DESA));
        given().auth().oauth2(TestAccounts.admin(AuthFixtures.KABUPATEN)).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("note", "Ayahnya Budi", "publicNote", "Bawa KK asli"))
                .post("/api/v1/queue/requests/" + request + "/accept").then().statusCode(200);
        String others = "select string_agg((to_jsonb(e) - 'note' - 'public_note')::text, '|' order by e.id) from request_event e "
                + "where e.request_id = ?1";
        String before = Db.single(others, request).toString();
        long withNotes = Db.count("select count(*) from request_event where request_id = ?1 and (note is not null or public_note is not null)",
                request);
        assertTrue(withNotes >= 1, "the accept's note and public note at least");

        assertEquals(withNotes, ((Number) Db.single("select purge_history_notes(array[?1]::bigint[])", request)).longValue());

        assertEquals(List.of("[DIHAPUS] [DIHAPUS]"), Db.rowsOf("select note || ' ' || public_note from request_event "
                + "where request_id = ?1 and type = 'ACCEPTED'", request));
        assertEquals(0, Db.count("select count(*) from request_event where request_id = ?1 and (note <> '[DIHAPUS]' "
                + "or public_note <> '[DIHAPUS]')", request));
        assertEquals(before, Db.single(others, request).toString(), "the rest of the history as it was");
        assertEquals(0, ((Number) Db.single("select purge_history_notes(array[?1]::bigint[])", request)).intValue(), "once is enough");
    }
}
