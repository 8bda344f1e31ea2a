package id.go.layanandesa.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a NIK's digits guarantee, and nothing more: never that its kecamatan is still in the region list. */
class NikRulesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "7324044107900001, a woman of Malili born 1 July 1990",
            "7324040107900001, a man born 1 July 1990",
            "3207254508850003, a kecamatan of Ciamis that moved to Pangandaran in 2012",
            "3207360101700002, another retired Ciamis code",
            "9471020101010001, Papua (94) issued before its 2022 split",
            "9501022902000001, Papua Tengah (95), born 29 February 2000",
            "1101017112990001, a woman born 31 December 1999 (day 71)",
            "3171010101250001, born in 2025",
    })
    void acceptsWhatTheDigitsAllow(String nik, String why) {
        assertEquals(java.util.Optional.empty(), NikRules.problem(nik), why);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "732404410790001, 15 digits, 16 digits",
            "73240441079000A1, a letter, 16 digits",
            "0024044107900001, province 00, province",
            "2024044107900001, province 20 was never issued, province",
            "5424044107900001, province 54 (Timor Timur) is not in NIKs, province",
            "7300044107900001, kabupaten 00, kecamatan code",
            "7324004107900001, kecamatan 00, kecamatan code",
            "7324043207900001, day 32, birth date",
            "7324047207900001, day 72 (a woman's 32), birth date",
            "7324040007900001, day 00, birth date",
            "7324044013900001, month 13, birth date",
            "7324042902010001, 29 February of a common year, birth date",
            "7324044107900000, serial 0000, 0000",
    })
    void refusesWhatTheDigitsRuleOut(String nik, String why, String says) {
        String problem = NikRules.problem(nik).orElseThrow(() -> new AssertionError(why + " was accepted"));
        assertTrue(problem.contains(says), why + ": " + problem);
    }
}
