package id.go.layanandesa.demo;

import id.go.layanandesa.account.Account;
import id.go.layanandesa.account.ApiKey;
import id.go.layanandesa.account.ApiKeySecrets;
import id.go.layanandesa.account.Passwords;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.SigningKeys;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.region.Region;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo accounts and API key, with random secrets printed once and written to the data folder. There is no
 * default password anywhere: every start that creates them makes new ones. Accounts that exist already, and
 * those whose desa or OPD the reference data lacks, are skipped.
 */
@ApplicationScoped
public class DemoAccounts {

    private static final Logger LOG = Logger.getLogger(DemoAccounts.class);
    public static final String FILE = "demo-accounts.txt";

    record Spec(String username, String displayName, Role role, String desaCode, String opdCode) {
    }

    static final List<Spec> ACCOUNTS = List.of(
            new Spec("admin", "Admin Bagian Organisasi", Role.ADMIN, null, null),
            new Spec("viewer", "Pimpinan Daerah (lihat saja)", Role.VIEWER, null, null),
            new Spec("desa.harapan", "Operator Desa Harapan", Role.DESA_OFFICER, "73.24.04.2001", null),
            new Spec("desa.sorowako", "Operator Desa Sorowako", Role.DESA_OFFICER, "73.24.02.2009", null),
            new Spec("opd.disdukcapil", "Petugas Disdukcapil", Role.OPD_OFFICER, null, "DISDUKCAPIL"),
            new Spec("opd.dinsos", "Petugas Dinas Sosial", Role.OPD_OFFICER, null, "DINSOS"),
            new Spec("opd.camat-malili", "Petugas Kantor Camat Malili", Role.OPD_OFFICER, null, "CAMAT_MALILI"),
            new Spec("opd.organisasi", "Petugas Bagian Organisasi (triase)", Role.OPD_OFFICER, null, "ORGANISASI"));

    /** The OPD whose system gets the demo API key, and the system's name. */
    static final String KEY_OPD = "DISDUKCAPIL";
    static final String KEY_NAME = "SIAK";

    @Inject
    LayananConfig config;

    @Inject
    Passwords passwords;

    @Inject
    Clock clock;

    /** Creates the accounts and returns a one-line summary. Runs inside the caller's transaction. */
    public String create() {
        String kabupaten = DemoLoader.KABUPATEN;
        if (Region.findById(kabupaten) == null) {
            return "no demo accounts (kabupaten " + kabupaten + " is not loaded)";
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<String> lines = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Long adminId = null;
        for (Spec spec : ACCOUNTS) {
            Account existing = Account.byUsername(spec.username());
            if (existing != null) {
                if (spec.role() == Role.ADMIN) {
                    adminId = existing.id;
                }
                continue;
            }
            Long opdId = null;
            if (spec.opdCode() != null) {
                Opd opd = Opd.find("kabupatenCode = ?1 and code = ?2", kabupaten, spec.opdCode()).firstResult();
                if (opd == null) {
                    skipped.add(spec.username() + " (no OPD " + spec.opdCode() + ")");
                    continue;
                }
                opdId = opd.id;
            }
            if (spec.desaCode() != null && Region.findById(spec.desaCode()) == null) {
                skipped.add(spec.username() + " (no desa " + spec.desaCode() + ")");
                continue;
            }
            String password = Passwords.random();
            Account a = new Account();
            a.kabupatenCode = kabupaten;
            a.username = spec.username();
            a.displayName = spec.displayName();
            a.passwordHash = passwords.hash(password);
            a.role = spec.role();
            a.desaCode = spec.desaCode();
            a.opdId = opdId;
            a.createdAt = now;
            a.updatedAt = now;
            a.persist();
            if (spec.role() == Role.ADMIN) {
                adminId = a.id;
            }
            String scope = spec.desaCode() != null ? spec.desaCode() : spec.opdCode() != null ? spec.opdCode() : kabupaten;
            lines.add(String.format("  %-18s %-18s %-13s %s", spec.username(), password, spec.role(), scope));
        }

        String keyLine = null;
        Opd keyOpd = Opd.find("kabupatenCode = ?1 and code = ?2", kabupaten, KEY_OPD).firstResult();
        if (keyOpd == null) {
            skipped.add("API key " + KEY_NAME + " (no OPD " + KEY_OPD + ")");
        } else if (ApiKey.count("opdId = ?1 and name = ?2", keyOpd.id, KEY_NAME) == 0) {
            String secret = ApiKeySecrets.generate();
            ApiKey key = new ApiKey();
            key.kabupatenCode = kabupaten;
            key.opdId = keyOpd.id;
            key.name = KEY_NAME;
            key.prefix = ApiKeySecrets.shown(secret);
            key.keyHash = ApiKeySecrets.hash(secret);
            key.createdBy = adminId;
            key.createdAt = now;
            key.persist();
            keyLine = String.format("  %-18s %s", KEY_NAME + " (" + KEY_OPD + ")", secret);
        }

        if (!skipped.isEmpty()) {
            LOG.warnf("Demo: skipped %s", String.join(", ", skipped));
        }
        if (lines.isEmpty() && keyLine == null) {
            return "no new demo accounts";
        }
        String block = block(lines, keyLine, now);
        Path file = Path.of(config.dataDir()).resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            SigningKeys.writeOwnerOnly(file, block);
        } catch (IOException e) {
            LOG.warnf("Demo: cannot write %s: %s", file, e.getMessage());
        }
        // straight to the console, not through the log pipeline: these secrets must not reach a log store
        System.out.println(block);
        return lines.size() + " demo accounts" + (keyLine == null ? "" : " and 1 API key") + " (secrets in " + file + ")";
    }

    private static String block(List<String> lines, String keyLine, Instant now) {
        StringBuilder s = new StringBuilder();
        s.append("=================================================================================\n");
        s.append(" Demo accounts of Kabupaten Luwu Timur (73.24), created ").append(now).append('\n');
        s.append(" Random secrets, shown only here. Log in: POST /api/v1/auth/login\n");
        s.append("---------------------------------------------------------------------------------\n");
        if (!lines.isEmpty()) {
            s.append(String.format("  %-18s %-18s %-13s %s%n", "username", "password", "role", "scope"));
            lines.forEach(l -> s.append(l).append('\n'));
        }
        if (keyLine != null) {
            s.append(" API key of an OPD system (send as X-API-Key: <key>):\n");
            s.append(keyLine).append('\n');
        }
        s.append("=================================================================================\n");
        return s.toString();
    }
}
