package id.go.layanandesa.account;

import id.go.layanandesa.common.error.Problem;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Hashing, checking and the policy of people's passwords. */
@ApplicationScoped
public class Passwords {

    /** bcrypt cost: about 50–100 ms per check on a small server. */
    static final int COST = 10;
    static final int MIN_LENGTH = 10;
    /** bcrypt reads only the first 72 bytes; a longer password would be checked only in part. */
    static final int MAX_BYTES = 72;

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** Checked against for unknown usernames, so that they cost the same time as a wrong password. */
    private final String dummyHash = BcryptUtil.bcryptHash("not-a-password-" + RANDOM.nextLong(), COST);

    /** Marks the stored hash of a one-time secret. */
    static final String ONE_TIME = "one-time-sha256:";

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    /**
     * The stored form of a one-time secret the service generated ({@link #random()}: 16 characters of 57, about 93 bits).
     * Guessing it is hopeless whatever the hash, so a fast one does (as for API keys): a CSV of 300 accounts is not 300
     * bcrypt computations. Checking it still costs a bcrypt check, so that logins take the same time whatever the hash.
     */
    public static String oneTimeHash(String secret) {
        return ONE_TIME + sha256(secret);
    }

    /** True when the password matches the stored hash (bcrypt, or a one-time secret's); false for anything else. */
    public boolean matches(String password, String hash) {
        if (password != null && hash != null && hash.startsWith(ONE_TIME)) {
            verifyDummy(password);
            return java.security.MessageDigest.isEqual(hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    oneTimeHash(password).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        if (password == null || hash == null || !hash.startsWith("$2")) {
            // still spend the time, so that an account without a usable hash looks like any other
            verifyDummy(password == null ? "" : password);
            return false;
        }
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password stored = factory.translate(ModularCrypt.decode(hash));
            return factory.verify(stored, password.toCharArray());
        } catch (Exception e) {
            org.jboss.logging.Logger.getLogger(Passwords.class).warn("unreadable password hash", e);
            return false;
        }
    }

    /** Spends the time of one check for a username that does not exist. */
    public void verifyDummy(String password) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            factory.verify(factory.translate(ModularCrypt.decode(dummyHash)), password.toCharArray());
        } catch (Exception e) {
            // the outcome is not used
        }
    }

    /** What is wrong with a new password, as violations of the given field; empty when it is acceptable. */
    public List<Problem.Violation> violations(String field, String password, String username) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            violations.add(new Problem.Violation(field, "must not be empty"));
            return violations;
        }
        if (password.length() < MIN_LENGTH) {
            violations.add(new Problem.Violation(field, "must be at least " + MIN_LENGTH + " characters"));
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            violations.add(new Problem.Violation(field, "must be at most " + MAX_BYTES + " bytes"));
        }
        if (password.chars().noneMatch(Character::isLetter)) {
            violations.add(new Problem.Violation(field, "must contain a letter"));
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            violations.add(new Problem.Violation(field, "must contain a digit"));
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            violations.add(new Problem.Violation(field, "must not be the username"));
        }
        return violations;
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random password that obeys the policy: 16 characters without look-alikes. */
    public static String random() {
        while (true) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            String p = s.toString();
            if (p.chars().anyMatch(Character::isLetter) && p.chars().anyMatch(Character::isDigit)) {
                return p;
            }
        }
    }
}
