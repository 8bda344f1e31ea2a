package id.go.layanandesa.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The breaking-change guard: the spec the service serves is the one committed in docs/openapi.json, which
 * integrators and the generated clients are built from. A change to the API shows up here as a readable list of
 * differences and is accepted by refreshing the committed copy (and reviewing that diff).
 */
@QuarkusTest
class PublishedSpecTest {

    static final Path COMMITTED = Path.of("docs/openapi.json");
    static final String REFRESH = "./mvnw -B test -Dtest=PublishedSpecTest -Dspec.refresh=true";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theServedSpecIsTheCommittedOne() throws Exception {
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode servedTree = JSON.readTree(served);
        if (Boolean.getBoolean("spec.refresh")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, JSON.writeValueAsString(servedTree) + "\n");
        }
        assertTrue(Files.exists(COMMITTED), COMMITTED + " is missing; write it with: " + REFRESH);
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
        List<String> differences = new ArrayList<>();
        diff("", committed, servedTree, differences);
        assertTrue(differences.isEmpty(), "The served spec differs from the committed " + COMMITTED + " in "
                + differences.size() + " place(s):\n  " + String.join("\n  ", differences.subList(0, Math.min(40, differences.size())))
                + (differences.size() > 40 ? "\n  …" : "")
                + "\nIf the change is intended, review it and refresh the committed copy with:\n  " + REFRESH);
    }

    @Test
    void theDifferenceIsShownByPointer() {
        List<String> differences = new ArrayList<>();
        diff("", JSON.createObjectNode().put("a", 1).put("gone", true),
                JSON.createObjectNode().put("a", 2).put("new", "x"), differences);
        assertEquals(List.of("changed /a: 1 -> 2", "removed /gone", "added /new: \"x\""), differences);
    }

    /** Differences as JSON pointers: what the committed copy has and the served spec does not, and the reverse. */
    static void diff(String pointer, JsonNode committed, JsonNode served, List<String> out) {
        if (committed.isObject() && served.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!served.has(name)) {
                    out.add("removed " + child);
                } else if (!committed.has(name)) {
                    out.add("added " + child + ": " + abbreviate(served.get(name)));
                } else {
                    diff(child, committed.get(name), served.get(name), out);
                }
            }
        } else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            Iterator<JsonNode> a = committed.elements();
            Iterator<JsonNode> b = served.elements();
            for (int i = 0; a.hasNext(); i++) {
                diff(pointer + "/" + i, a.next(), b.next(), out);
            }
        } else if (!committed.equals(served)) {
            out.add("changed " + pointer + ": " + abbreviate(committed) + " -> " + abbreviate(served));
        }
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
