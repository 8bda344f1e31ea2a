package id.go.layanandesa.support;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scanner LogPrivacyIT runs over the test log finds what leaked before and nothing else. */
class LogScannerTest {

    static final String HASH = "$2a$10$xd9OaSj3OHJjqJQsVd5WzOSAeeJuLcBmBOk6v4NAyoPo1xnFAYoz2";

    @Test
    void findsTheHashInAFailedBatchAsHibernateLoggedIt() {
        String leaked = "18:52:18,725 WARN  [or.hi.or.jd.error] (executor-thread-5) [c619ebe2dc754a3b] Batch entry 0 insert into "
                + "account (created_at,desa_code,display_name,password_hash,username) values (('2026-11-29 18:52:18.668802+00'),"
                + "(NULL),('Operator race-gqti-103'),('" + HASH + "'),('race-gqti-103')) was aborted";
        List<LogScanner.Finding> findings = new LogScanner(List.of()).scan(List.of("harmless", leaked));
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(2, findings.get(0).line());
        assertEquals("bcrypt hash", findings.get(0).kind());
    }

    @Test
    void findsNiksButNotRequestIdsThatHappenToBeDigits() {
        List<String> lines = List.of(
                "12:00:00,000 WARN  [or.hi.or.jd.error] (executor-thread-1) [7324044107900001] insert failed",
                "12:00:00,001 ERROR [id.go.la.co.er.ProblemMappers] (executor-thread-1) [7324044107900001] unexpected failure of "
                        + "GET /x (request id 7324044107900001)",
                "12:00:00,002 WARN  [x] (y) [0123456789abcdef] values (('3207254508850003'),('Siti'))",
                "12:00:00,003 INFO  [x] (y) [] 16 digits that are no NIK: 1234567890123456 and 7324043207900001");
        List<LogScanner.Finding> findings = new LogScanner(List.of()).scan(lines);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(3, findings.get(0).line());
        assertEquals("NIK", findings.get(0).kind());
    }

    @Test
    void findsEveryValueOfTheLedgerAndNamesOnlyAsWholeWords() {
        LogScanner scanner = new LogScanner(List.of("name\tSiti Rahmawati", "name\tBudi", "phone\t+6281234567890",
                "address\tDusun Harapan I, RT 002/RW 001", "hash\t4f2a9c0e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f"));
        List<LogScanner.Finding> findings = scanner.scan(List.of(
                "filed for Siti Rahmawati today",
                "Siti Rahmawatiningsih is another name",
                "Budi is too short a name to look for",
                "sms to +6281234567890",
                "at Dusun Harapan I, RT 002/RW 001",
                "key 4f2a9c0e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f"));
        assertEquals(List.of(1, 4, 5, 6), findings.stream().map(LogScanner.Finding::line).toList(), findings.toString());
        findings.forEach(f -> assertEquals(false, f.masked().contains("Rahmawati") || f.masked().contains("567890"), f.toString()));
    }
}
