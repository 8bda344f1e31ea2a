package id.go.layanandesa.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cells of the audit trail's CSV: quoted as RFC 4180 wants, and never taken for a formula by a spreadsheet. */
class AuditCsvTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "account:1001|account:1001",
            "``|``",
            "a,b|`\"a,b\"`",
            "say \"hi\"|`\"say \"\"hi\"\"\"`",
            "=HYPERLINK(\"x\")|`\"'=HYPERLINK(\"\"x\"\")\"`",
            "+62812|'+62812",
            "-1|'-1",
            "@SUM(A1)|'@SUM(A1)",
            "2026-11-30T02:15:00Z|2026-11-30T02:15:00Z"})
    void aCellIsQuotedWhenItNeedsItAndNeverAFormula(String value, String cell) {
        assertEquals(cell, AuditCsv.cell(value));
    }
}
