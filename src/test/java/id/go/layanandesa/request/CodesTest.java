package id.go.layanandesa.request;

import id.go.layanandesa.common.error.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracking codes, phone numbers and list cursors: what a citizen or a client types, read the same way every time. */
class CodesTest {

    @Test
    void trackingCodesAreTenUnambiguousCharactersInThreeGroups() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = TrackingCodes.next();
            assertTrue(code.matches("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{2}"), code);
            assertEquals(code, TrackingCodes.normalise(code));
            seen.add(code);
        }
        assertEquals(2000, seen.size(), "random codes do not repeat in a small sample");
    }

    @ParameterizedTest(name = "''{0}'' reads as {1}")
    @CsvSource(nullValues = "NONE", value = {
            "K7M2-QX9P-RT,K7M2-QX9P-RT", "k7m2qx9prt,K7M2-QX9P-RT", "' K7M2 QX9P RT ',K7M2-QX9P-RT", "K7M2-QX9P-R,NONE",
            "K7M2-QX9P-RTX,NONE", "K7M2-QX9P-R0,NONE", "K7M2-QX9P-RI,NONE", "K7M2-QX9P-RU,NONE", "'',NONE"})
    void whatACitizenTypesIsNormalised(String typed, String code) {
        assertEquals(code, TrackingCodes.normalise(typed));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NONE", value = {
            "0812-3456-7890,+6281234567890", "081234567,NONE", "+62 812 3456 7890,+6281234567890", "6281234567890,+6281234567890",
            "(0812) 345-678,+62812345678", "0212345678,NONE", "08123456789012345,NONE", "+1 812 3456 7890,NONE", "abc,NONE"})
    void mobileNumbersAreStoredAsE164(String typed, String stored) {
        assertEquals(stored, PhoneNumbers.normalise(typed).orElse(null));
    }

    @Test
    void aCursorRoundTripsAndNothingElsePassesForOne() {
        Cursor cursor = new Cursor("2026-11-30T02:15:00Z", 1001);
        assertEquals(cursor, Cursor.decode(cursor.encode()));
        assertNull(Cursor.decode(null));
        assertNull(Cursor.decode(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@@@", "bm9iYXI", "MjAyNnwxMDAxeA", "!"})
    void aForgedCursorIsA400NamingTheCursor(String forged) {
        ProblemException refused = assertThrows(ProblemException.class, () -> Cursor.decode(forged));
        assertEquals(400, refused.status());
        assertEquals("cursor", refused.violations().get(0).field());
    }
}
