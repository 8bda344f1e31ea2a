package id.go.layanandesa.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every change an admin can make through the API is audited: a new endpoint that an ADMIN (or OPERATOR) may call to
 * change something fails here until it is marked {@link Audited} (or listed below with the reason it needs no entry).
 */
class AuditCoverageTest {

    /** The roles whose changes are administrative: a kabupaten's admins, and the installation's operators. */
    static final List<String> ADMINISTRATORS = List.of("ADMIN", "OPERATOR");

    /** Changes an admin may make that the audit trail leaves to another record, and why. */
    static final Map<String, String> RECORDED_ELSEWHERE = Map.ofEntries(
            Map.entry("QueueResource#accept", "a change of a request: its history records who, when and what"),
            Map.entry("QueueResource#forward", "a change of a request: its history records who, when and what"),
            Map.entry("QueueResource#requestInfo", "a change of a request: its history records who, when and what"),
            Map.entry("QueueResource#complete", "a change of a request: its history records who, when and what"),
            Map.entry("QueueResource#reject", "a change of a request: its history records who, when and what"),
            Map.entry("QueueResource#reassign", "a change of a request: its history records who, when and what"),
            Map.entry("ResultDocumentResource#add", "a change of a request: its history records who added which result document (RESULT_ATTACHED)"),
            Map.entry("ResultDocumentResource#createUpload", "changes nothing until the last byte arrives; then the request's history "
                    + "records the result document (RESULT_ATTACHED)"),
            Map.entry("UploadResource#append", "the caller's own upload: the last byte makes the file, which the request's history records"),
            Map.entry("UploadResource#drop", "abandons the caller's own unfinished upload; nothing of a request changes"),
            Map.entry("QueueResource#settle", "changes of requests: each request's history records who, when and what"),
            Map.entry("AuthResource#logout", "ends the caller's own session; nothing administrative"));

    @Test
    void everyChangeAnAdminMayMakeIsAudited() throws Exception {
        List<String> unaudited = new ArrayList<>();
        int audited = 0;
        for (Class<?> resource : resources()) {
            for (Method m : resource.getDeclaredMethods()) {
                boolean change = Stream.of(POST.class, PUT.class, DELETE.class, PATCH.class).anyMatch(m::isAnnotationPresent);
                RolesAllowed roles = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
                        : resource.getAnnotation(RolesAllowed.class);
                if (!change || roles == null || Arrays.stream(roles.value()).noneMatch(ADMINISTRATORS::contains)) {
                    continue;
                }
                String name = resource.getSimpleName() + "#" + m.getName();
                if (m.isAnnotationPresent(Audited.class) || resource.isAnnotationPresent(Audited.class)) {
                    audited++;
                } else if (!RECORDED_ELSEWHERE.containsKey(name)) {
                    unaudited.add(name);
                }
            }
        }
        assertEquals(List.of(), unaudited, "changes an admin may make without an audit entry");
        assertTrue(audited >= 18, "audited changes found: " + audited);
    }

    /** Every JAX-RS resource class of the service. */
    static List<Class<?>> resources() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(Audited.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, AuditCoverageTest.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    found.add(type);
                }
            }
        }
        assertFalse(found.isEmpty());
        return found;
    }
}
