package id.go.layanandesa.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * At the end of the test run, writes down the personal data and secrets the tests put into the database (NIKs,
 * citizens' names, phones and addresses, password and API-key hashes), one {@code kind<TAB>value} a line, so that
 * LogPrivacyIT can look for each of them in the run's log. The file lies beside the log
 * ({@code tests.ledger}); nothing is written when that property is not set.
 */
public final class PersonalDataLedger {

    public static final String PROPERTY = "tests.ledger";

    private static final String[][] QUERIES = {
            {"nik", "select distinct citizen_nik from service_request"},
            {"name", "select distinct citizen_name from service_request"},
            {"phone", "select distinct citizen_phone from service_request where citizen_phone is not null"},
            {"address", "select distinct citizen_address from service_request where citizen_address is not null"},
            {"hash", "select password_hash from account where length(password_hash) > 20"},
            {"hash", "select key_hash from api_key"},
    };

    private PersonalDataLedger() {
    }

    /** Reads the database the settings point at; best effort, as it runs while the JVM shuts down. */
    public static void write(Map<String, String> settings) {
        String target = System.getProperty(PROPERTY);
        if (target == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(settings.get("quarkus.datasource.jdbc.url"),
                settings.get("quarkus.datasource.username"), settings.get("quarkus.datasource.password"));
             Statement s = c.createStatement()) {
            for (String[] query : QUERIES) {
                try (ResultSet rows = s.executeQuery(query[1])) {
                    while (rows.next()) {
                        lines.add(query[0] + "\t" + rows.getString(1).replace('\t', ' ').replace('\n', ' '));
                    }
                }
            }
            Path file = Path.of(target);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (SQLException | IOException e) {
            System.err.println("the personal data ledger was not written: " + e);
        }
    }
}
