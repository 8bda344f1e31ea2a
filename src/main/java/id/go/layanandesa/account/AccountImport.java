package id.go.layanandesa.account;

import id.go.layanandesa.common.Csv;
import id.go.layanandesa.common.InputRules;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.region.Region;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An admin creates the kabupaten's accounts from one CSV (a kabupaten has 100–300 desa officers): a header line
 * naming the columns {@code username, displayName, role, desa, opd} (desa code for a DESA_OFFICER, OPD code for an
 * OPD_OFFICER), then one account a line. Every line is reported: created (with a one-time activation secret), unchanged
 * (the account exists as the line describes it, so the same file uploaded again creates nothing twice) or rejected with
 * a reason. One transaction; a few statements for the whole file.
 */
@ApplicationScoped
public class AccountImport {

    private static final Logger LOG = Logger.getLogger(AccountImport.class);
    static final int MAX_LINES = 2000;
    static final String SHEET_HEADER = Csv.line("username", "displayName", "role", "scope", "activationSecret");

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    private record Row(int line, String username, String displayName, Role role, String desa, String opdCode) {
    }

    private enum Column {
        USERNAME("username"), DISPLAY_NAME("displayname", "name"), ROLE("role"), DESA("desa", "desacode", "kodedesa"),
        OPD("opd", "opdcode", "kodeopd");

        final Set<String> names;

        Column(String... names) {
            this.names = Set.of(names);
        }

        static Column of(String header) {
            String key = header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
            for (Column c : values()) {
                if (c.names.contains(key)) {
                    return c;
                }
            }
            return null;
        }
    }

    @Transactional
    public AccountImportReport importCsv(Caller caller, String csv) {
        if (csv == null || csv.isBlank()) {
            throw ProblemException.badRequest("EMPTY_BODY", "send the accounts as CSV with a header line: username,displayName,role,desa,opd");
        }
        String kabupaten = caller.kabupatenCode();
        String[] lines = Csv.lines(csv);
        int headerAt = 0;
        while (headerAt < lines.length && lines[headerAt].isBlank()) {
            headerAt++;
        }
        Map<Column, Integer> columns = header(lines[headerAt]);
        // each data line becomes its report line at once, or a row to decide once the data it names is read
        List<Object> entries = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int dataLines = 0;
        for (int i = headerAt + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            if (++dataLines > MAX_LINES) {
                throw ProblemException.invalid("body", "at most " + MAX_LINES + " accounts per file");
            }
            Object entry = row(kabupaten, i + 1, Csv.fields(lines[i]), columns);
            entries.add(entry);
            if (entry instanceof Row row) {
                rows.add(row);
            }
        }

        Map<String, Account> existing = existing(rows.stream().map(Row::username).toList());
        Map<String, Opd> opds = new HashMap<>();
        Opd.<Opd>list("kabupatenCode", kabupaten).forEach(o -> opds.put(o.code, o));
        Set<String> desas = desas(kabupaten, rows.stream().map(Row::desa).filter(Objects::nonNull).toList());

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Set<String> seen = new HashSet<>();
        Map<Row, Account> created = new LinkedHashMap<>();
        Map<Row, AccountImportReport.Line> decided = new HashMap<>();
        for (Row row : rows) {
            String scopeProblem = scopeProblem(kabupaten, row, opds, desas);
            Long opdId = row.opdCode() == null || !opds.containsKey(row.opdCode()) ? null : opds.get(row.opdCode()).id;
            Account found = existing.get(row.username());
            if (!seen.add(row.username())) {
                decided.put(row, rejected(row.line(), row.username(), "DUPLICATE_IN_FILE", "the username is on an earlier line too"));
            } else if (scopeProblem != null) {
                decided.put(row, rejected(row.line(), row.username(), "INVALID_SCOPE", scopeProblem));
            } else if (found == null) {
                Account a = new Account();
                a.kabupatenCode = kabupaten;
                a.username = row.username();
                a.displayName = row.displayName();
                a.passwordChangeRequired = true;
                a.role = row.role();
                a.desaCode = row.desa();
                a.opdId = opdId;
                a.createdAt = now;
                a.updatedAt = now;
                created.put(row, a);
            } else if (Objects.equals(found.kabupatenCode, kabupaten) && found.role == row.role()
                    && Objects.equals(found.desaCode, row.desa()) && Objects.equals(found.opdId, opdId)
                    && found.displayName.equals(row.displayName())) {
                decided.put(row, new AccountImportReport.Line(row.line(), row.username(), AccountImportReport.Outcome.UNCHANGED,
                        null, null, found.id, null));
            } else {
                decided.put(row, rejected(row.line(), row.username(), "USERNAME_TAKEN",
                        "an account with this username exists with another display name, role, desa or OPD"));
            }
        }
        Map<Row, String> secrets = new HashMap<>();
        for (Map.Entry<Row, Account> e : created.entrySet()) {
            String secret = Passwords.random();
            e.getValue().passwordHash = Passwords.oneTimeHash(secret);
            e.getValue().persist();
            secrets.put(e.getKey(), secret);
        }
        try {
            em.flush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            // a username taken by a concurrent upload or create: nothing of this file is kept
            throw ProblemException.conflict("USERNAME_TAKEN", "an account of this file was created meanwhile; upload the file again");
        }

        StringBuilder sheet = new StringBuilder(SHEET_HEADER);
        List<AccountImportReport.Line> report = new ArrayList<>(entries.size());
        int unchanged = 0;
        for (Object entry : entries) {
            if (entry instanceof AccountImportReport.Line line) {
                report.add(line);
                continue;
            }
            Row row = (Row) entry;
            Account a = created.get(row);
            if (a == null) {
                AccountImportReport.Line line = decided.get(row);
                if (line.outcome() == AccountImportReport.Outcome.UNCHANGED) {
                    unchanged++;
                }
                report.add(line);
                continue;
            }
            String secret = secrets.get(row);
            report.add(new AccountImportReport.Line(row.line(), a.username, AccountImportReport.Outcome.CREATED, null, null, a.id, secret));
            sheet.append(Csv.line(a.username, a.displayName, a.role.name(),
                    a.desaCode != null ? a.desaCode : row.opdCode() != null ? row.opdCode() : a.kabupatenCode, secret));
        }
        int rejected = report.size() - created.size() - unchanged;
        LOG.infof("%d accounts created from a CSV by %s (%d unchanged, %d rejected)", created.size(), caller.principalKey(),
                unchanged, rejected);
        return new AccountImportReport(created.size(), unchanged, rejected, report, sheet.toString());
    }

    /** The row a data line describes, or the report of why it is rejected before anything is read. */
    private static Object row(String kabupaten, int lineNo, List<String> fields, Map<Column, Integer> columns) {
        if (fields.size() > columns.size()) {
            return rejected(lineNo, null, "MALFORMED_LINE", "has " + fields.size() + " fields; the header names " + columns.size());
        }
        String username = Usernames.qualified(kabupaten, value(fields, columns.get(Column.USERNAME)));
        String displayName = value(fields, columns.get(Column.DISPLAY_NAME));
        String roleName = value(fields, columns.get(Column.ROLE));
        String desa = value(fields, columns.get(Column.DESA));
        String opd = value(fields, columns.get(Column.OPD));
        String problem = firstTextProblem(username, displayName, roleName, desa, opd);
        if (problem != null) {
            return rejected(lineNo, null, "INVALID_TEXT", problem);
        }
        if (!Usernames.wellFormedOf(kabupaten, username)) {
            return rejected(lineNo, null, "INVALID_USERNAME", "the username " + Usernames.FORM_MESSAGE
                    + ", at most 60 with the prefix " + Usernames.prefix(kabupaten));
        }
        if (displayName == null) {
            return rejected(lineNo, username, "MISSING_DISPLAY_NAME", "the display name is empty");
        }
        if (displayName.length() > 200) {
            return rejected(lineNo, username, "INVALID_TEXT", "the display name is longer than 200 characters");
        }
        Role role = role(roleName);
        if (role == null) {
            return rejected(lineNo, username, "INVALID_ROLE", "the role must be ADMIN, VIEWER, DESA_OFFICER or OPD_OFFICER");
        }
        return new Row(lineNo, username, displayName, role, desa, opd == null ? null : opd.toUpperCase(Locale.ROOT));
    }

    private static Map<Column, Integer> header(String line) {
        Map<Column, Integer> columns = new LinkedHashMap<>();
        List<String> names = Csv.fields(line);
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Column c = Column.of(names.get(i));
            if (c == null) {
                unknown.add(names.get(i).strip());
            } else if (columns.putIfAbsent(c, i) != null) {
                throw ProblemException.invalid("header", "names the column " + names.get(i).strip() + " twice");
            }
        }
        List<String> missing = new ArrayList<>();
        for (Column required : List.of(Column.USERNAME, Column.DISPLAY_NAME, Column.ROLE)) {
            if (!columns.containsKey(required)) {
                missing.add(required == Column.DISPLAY_NAME ? "displayName" : required.name().toLowerCase(Locale.ROOT));
            }
        }
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw ProblemException.invalid("header", "must name the columns username, displayName, role and optionally desa and opd"
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : "; unknown: " + String.join(", ", unknown)));
        }
        return columns;
    }

    private static String value(List<String> fields, Integer column) {
        if (column == null || column >= fields.size()) {
            return null;
        }
        String v = fields.get(column).strip();
        return v.isEmpty() ? null : v;
    }

    private static String firstTextProblem(String... values) {
        for (String v : values) {
            if (v != null && InputRules.textProblem(v) != null) {
                return "a field " + InputRules.textProblem(v);
            }
        }
        return null;
    }

    private static Role role(String name) {
        if (name == null) {
            return null;
        }
        try {
            Role role = Role.valueOf(name.strip().toUpperCase(Locale.ROOT));
            return role == Role.OPERATOR || role == Role.OPD_SYSTEM ? null : role;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String scopeProblem(String kabupaten, Row row, Map<String, Opd> opds, Set<String> desas) {
        if (row.role() == Role.DESA_OFFICER) {
            if (row.desa() == null) {
                return "a DESA_OFFICER needs the code of a desa of kabupaten " + kabupaten;
            }
            if (!desas.contains(row.desa())) {
                return "desa " + row.desa() + " is not a desa of kabupaten " + kabupaten;
            }
        } else if (row.desa() != null) {
            return "only a DESA_OFFICER has a desa";
        }
        if (row.role() == Role.OPD_OFFICER) {
            if (row.opdCode() == null) {
                return "an OPD_OFFICER needs the code of an OPD of kabupaten " + kabupaten;
            }
            if (!opds.containsKey(row.opdCode())) {
                return "OPD " + row.opdCode() + " is not an OPD of kabupaten " + kabupaten;
            }
        } else if (row.opdCode() != null) {
            return "only an OPD_OFFICER has an OPD";
        }
        return null;
    }

    private Map<String, Account> existing(List<String> usernames) {
        Map<String, Account> found = new HashMap<>();
        if (!usernames.isEmpty()) {
            Account.<Account>list("username in ?1", usernames).forEach(a -> found.put(a.username, a));
        }
        return found;
    }

    private static Set<String> desas(String kabupaten, List<String> codes) {
        Set<String> found = new HashSet<>();
        if (!codes.isEmpty()) {
            Region.<Region>list("code in ?1 and level = 4", codes).stream()
                    .filter(r -> kabupaten.equals(r.kabupatenCode))
                    .forEach(r -> found.add(r.code));
        }
        return found;
    }

    private static AccountImportReport.Line rejected(int line, String username, String reason, String message) {
        return new AccountImportReport.Line(line, username, AccountImportReport.Outcome.REJECTED, reason, message, null, null);
    }
}
