package id.go.layanandesa.support;

import id.go.layanandesa.account.Account;
import id.go.layanandesa.account.TokenIssuer;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.opd.Opd;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;

import java.time.Instant;

/** Accounts for tests, created on first use, and access tokens signed for them as the login would. */
public final class TestAccounts {

    private TestAccounts() {
    }

    public static String token(Role role, String kabupatenCode, String desaCode, Long opdId) {
        Account account = account(role, kabupatenCode, desaCode, opdId);
        return CDI.current().select(TokenIssuer.class).get().issue(account).value();
    }

    public static Account account(Role role, String kabupatenCode, String desaCode, Long opdId) {
        String username = ("t-" + role.name() + "-" + (desaCode != null ? desaCode : opdId != null ? "opd" + opdId
                : kabupatenCode != null ? kabupatenCode : "installation"))
                .toLowerCase().replace('.', '-').replace('_', '-');
        return QuarkusTransaction.requiringNew().call(() -> {
            Account existing = Account.byUsername(username);
            if (existing != null) {
                return existing;
            }
            return persist(username, "Test " + role.name().toLowerCase(), "!", role, kabupatenCode, desaCode, opdId);
        });
    }

    /** Stores a new account in the current transaction; a password hash of {@code !} matches no password. */
    public static Account persist(String username, String displayName, String passwordHash, Role role, String kabupatenCode,
                           String desaCode, Long opdId) {
        Account a = new Account();
        a.username = username;
        a.displayName = displayName;
        a.passwordHash = passwordHash;
        a.role = role;
        a.kabupatenCode = kabupatenCode;
        a.desaCode = desaCode;
        a.opdId = opdId;
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        a.persist();
        return a;
    }

    /** An OPERATOR of the installation, which belongs to no kabupaten. */
    public static String operator() {
        return token(Role.OPERATOR, null, null, null);
    }

    public static String admin(String kabupatenCode) {
        return token(Role.ADMIN, kabupatenCode, null, null);
    }

    public static String viewer(String kabupatenCode) {
        return token(Role.VIEWER, kabupatenCode, null, null);
    }

    public static String desaOfficer(String desaCode) {
        return token(Role.DESA_OFFICER, desaCode.substring(0, 5), desaCode, null);
    }

    public static String opdOfficer(long opdId) {
        String kabupaten = QuarkusTransaction.requiringNew().call(() -> Opd.<Opd>findById(opdId).kabupatenCode);
        return token(Role.OPD_OFFICER, kabupaten, null, opdId);
    }

    /** The id of an OPD by its code in a kabupaten. */
    public static long opd(String kabupatenCode, String code) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Opd opd = Opd.find("kabupatenCode = ?1 and code = ?2", kabupatenCode, code).firstResult();
            if (opd == null) {
                throw new IllegalStateException("no OPD " + code + " in " + kabupatenCode);
            }
            return opd.id;
        });
    }
}
