package id.go.layanandesa.common.http;

import id.go.layanandesa.common.error.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one way ETags are written and compared (RFC 9110): strong for versions, weak for lists. */
class ETagsTest {

    record Thing(int version) implements Versioned {
    }

    @ParameterizedTest(name = "If-None-Match {0} vs {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "\"3\"          | \"3\"          | true",
            "W/\"3\"        | \"3\"          | true",
            "\"2\", \"3\"   | \"3\"          | true",
            "*              | \"3\"          | true",
            "\"4\"          | \"3\"          | false",
            "NONE           | \"3\"          | false",
            "W/\"1-2-x\"    | W/\"1-2-x\"    | true",
            "W/\"1-2-y\"    | W/\"1-2-x\"    | false"})
    void ifNoneMatchComparesWeakly(String header, String etag, boolean matches) {
        assertEquals(matches, ETags.matches(header, etag));
    }

    @ParameterizedTest(name = "If-Match {0} on version {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "\"3\"   | 3 | 200", "W/\"3\" | 3 | 200", "3 | 3 | 200", "\"2\" | 3 | 412", "\"x\" | 3 | 412", "NONE | 3 | 428", "' ' | 3 | 428"})
    void ifMatchNamesTheCurrentVersionOrIsRefused(String header, long current, int status) {
        if (status == 200) {
            ETags.checkIfMatch(header, current);
            return;
        }
        ProblemException refused = assertThrows(ProblemException.class, () -> ETags.checkIfMatch(header, current));
        assertEquals(status, refused.status());
    }

    @org.junit.jupiter.api.Test
    void versionedBodiesHaveStrongETagsAndOthersNone() {
        assertEquals("\"7\"", ETags.ofBody(new Thing(7)));
        assertEquals(null, ETags.ofBody("not versioned"));
        assertEquals("W/\"12-2026-11-30-1a\"", ETags.weak(12, "2026-11-30", "1a"));
    }
}
