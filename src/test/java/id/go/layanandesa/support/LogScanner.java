package id.go.layanandesa.support;

import id.go.layanandesa.request.NikRules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data and secrets in log lines: any bcrypt hash, any 16-digit number that is a valid NIK (other
 * than the log's own request ids, which are random hex and now and then all digits), and every value of the
 * ledger of what the tests stored: NIKs, phones, addresses, names (as whole words, when long enough to be told
 * from ordinary words) and hashes.
 */
public final class LogScanner {

    /** One place where the log gives something away; the value itself is masked. */
    public record Finding(int line, String kind, String masked) {
        @Override
        public String toString() {
            return "line " + line + ": " + kind + " " + masked;
        }
    }

    static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    static final Pattern SIXTEEN_DIGITS = Pattern.compile("(?<![0-9A-Za-z])\\d{16}(?![0-9A-Za-z])");
    /** The service's request ids: 16 lower-case hex digits, first in the field after the thread, or after "request id". */
    static final Pattern REQUEST_ID = Pattern.compile("(?:\\) \\[|request id )([0-9a-f]{16})(?![0-9A-Za-z])");
    private static final int SHORTEST_NAME = 6;

    private final List<String[]> ledger = new ArrayList<>();

    /** Ledger lines are {@code kind<TAB>value}. */
    public LogScanner(List<String> ledgerLines) {
        for (String line : ledgerLines) {
            int tab = line.indexOf('\t');
            if (tab > 0 && tab < line.length() - 1) {
                String kind = line.substring(0, tab);
                String value = line.substring(tab + 1).strip();
                if (!kind.equals("name") || value.length() >= SHORTEST_NAME) {
                    ledger.add(new String[]{kind, value});
                }
            }
        }
    }

    public int ledgerSize() {
        return ledger.size();
    }

    public List<Finding> scan(List<String> lines) {
        Set<String> requestIds = new HashSet<>();
        for (String line : lines) {
            Matcher m = REQUEST_ID.matcher(line);
            while (m.find()) {
                requestIds.add(m.group(1));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            Matcher hash = BCRYPT.matcher(line);
            while (hash.find()) {
                findings.add(new Finding(number, "bcrypt hash", mask(hash.group())));
            }
            Matcher digits = SIXTEEN_DIGITS.matcher(line);
            while (digits.find()) {
                String candidate = digits.group();
                if (!requestIds.contains(candidate) && NikRules.problem(candidate).isEmpty()) {
                    findings.add(new Finding(number, "NIK", mask(candidate)));
                }
            }
            for (String[] entry : ledger) {
                if (contains(line, entry[1], entry[0].equals("name"))) {
                    findings.add(new Finding(number, entry[0] + " from the ledger", mask(entry[1])));
                }
            }
        }
        return findings;
    }

    private static boolean contains(String line, String value, boolean wholeWord) {
        for (int at = line.indexOf(value); at >= 0; at = line.indexOf(value, at + 1)) {
            if (!wholeWord) {
                return true;
            }
            int end = at + value.length();
            boolean startsWord = at == 0 || !Character.isLetterOrDigit(line.charAt(at - 1));
            boolean endsWord = end == line.length() || !Character.isLetterOrDigit(line.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    static String mask(String value) {
        return value.length() <= 4 ? "****" : value.substring(0, 4) + "…(" + value.length() + " characters)";
    }
}
