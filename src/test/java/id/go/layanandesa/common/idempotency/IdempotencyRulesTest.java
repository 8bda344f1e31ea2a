package id.go.layanandesa.common.idempotency;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules that keep one Idempotency-Key from standing for two different calls: pure, no service needed. */
class IdempotencyRulesTest {

    record Body(String name) {
    }

    // not @Path-annotated: the application would then serve these test classes as endpoints
    static class Fine {
        @POST
        @Idempotent
        public RestResponse<Body> create(Body body, UriInfo uri) {
            return RestResponse.ok(body);
        }

        @POST
        @Path("/{id}/files")
        @Idempotent("attach")
        public Response attach(long id, java.nio.file.Path file, UUID claim, Map<String, Object> extra) {
            return Response.ok().build();
        }
    }

    static class TakesAStream {
        @POST
        @Idempotent
        public Response upload(InputStream content) {
            return Response.ok().build();
        }
    }

    static class AnswersAPlainBody {
        @POST
        @Idempotent
        public Body create(Body body) {
            return body;
        }
    }

    @Test
    void operationsAreFoundWithTheirPathsAndNames() {
        List<IdempotentOperations.Operation> ops = IdempotentOperations.inspect(List.of(Fine.class));
        assertEquals(2, ops.size());
        assertTrue(ops.contains(new IdempotentOperations.Operation("POST", "/", "Fine.create")), ops.toString());
        assertTrue(ops.contains(new IdempotentOperations.Operation("POST", "/{id}/files", "attach")), ops.toString());
    }

    @Test
    void anArgumentNoFingerprintCoversStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> IdempotentOperations.inspect(List.of(TakesAStream.class)));
        assertTrue(refused.getMessage().contains("TakesAStream.upload takes a java.io.InputStream"), refused.getMessage());
    }

    @Test
    void anAnswerAReplayCannotReproduceStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> IdempotentOperations.inspect(List.of(AnswersAPlainBody.class)));
        assertTrue(refused.getMessage().contains("AnswersAPlainBody.create must answer a Response or RestResponse"), refused.getMessage());
    }

    @Test
    void valuesRecordsAndFilesAreCoveredAndContextIsNot() {
        for (Class<?> type : List.of(String.class, long.class, Long.class, UUID.class, Body.class, Map.class, List.class,
                java.time.Instant.class, java.nio.file.Path.class, byte[].class, UriInfo.class)) {
            assertTrue(Fingerprints.supports(type), type.getName());
        }
        assertFalse(Fingerprints.supports(InputStream.class));
        assertFalse(Fingerprints.supports(Object.class));
    }

    @Test
    void filesEnterTheFingerprintByTheirContent(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path a = Files.writeString(dir.resolve("a.pdf"), "%PDF-1.7 one");
        java.nio.file.Path sameContent = Files.writeString(dir.resolve("b.pdf"), "%PDF-1.7 one");
        java.nio.file.Path other = Files.writeString(dir.resolve("c.pdf"), "%PDF-1.7 two");
        assertEquals(Fingerprints.canonical(a), Fingerprints.canonical(sameContent));
        assertNotEquals(Fingerprints.canonical(a), Fingerprints.canonical(other));
        assertEquals(Fingerprints.canonical(new byte[]{1, 2, 3}), Fingerprints.canonical(new byte[]{1, 2, 3}));
        assertNotEquals(Fingerprints.canonical(new byte[]{1, 2, 3}), Fingerprints.canonical(new byte[]{1, 2, 4}));
    }
}
