package id.go.layanandesa.it;

import id.go.layanandesa.support.LogScanner;
import id.go.layanandesa.support.PersonalDataLedger;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * After every API and database test has run (this runs with the tests of the packaged jar, after them all), the
 * whole log of that run must hold none of the personal data the tests sent nor any hash: the NIKs, names,
 * phones and addresses of the ledger the test database left, any bcrypt hash, any NIK-shaped number.
 */
class LogPrivacyIT {

    @Test
    void theTestRunsLogHoldsNoPersonalDataAndNoHash() throws IOException {
        Path log = Path.of(System.getProperty("tests.log", "target/test-logs/tests.log"));
        assumeTrue(Files.exists(log), "no test log at " + log.toAbsolutePath() + ": no API test ran in this build");
        Path ledgerFile = Path.of(System.getProperty(PersonalDataLedger.PROPERTY, log + ".ledger"));
        assertTrue(Files.exists(ledgerFile), "the test database left no ledger of its personal data at " + ledgerFile.toAbsolutePath());
        LogScanner scanner = new LogScanner(Files.readAllLines(ledgerFile, StandardCharsets.UTF_8));
        assertTrue(scanner.ledgerSize() > 0, "the ledger is empty: nothing to look for");

        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.size() > 10, "the test log is nearly empty: " + log.toAbsolutePath());
        List<LogScanner.Finding> findings = scanner.scan(lines);
        System.out.printf("scanned %d log lines for %d ledger values, bcrypt hashes and NIKs: %d findings%n",
                lines.size(), scanner.ledgerSize(), findings.size());
        assertEquals(List.of(), findings, "personal data or hashes in " + log.toAbsolutePath());
    }
}
