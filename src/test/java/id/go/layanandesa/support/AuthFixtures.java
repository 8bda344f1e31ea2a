package id.go.layanandesa.support;

import id.go.layanandesa.account.Account;
import id.go.layanandesa.account.Passwords;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.opd.OpdKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Regions, OPDs and accounts the auth tests need, created when absent so that the tests pass with or without
 * the demo reference data. OPD codes start with TEST_AUTH_ so they never collide with real ones. The other kabupaten
 * (Luwu, 73.17) is onboarded from a configuration document, as a real one is.
 */
public final class AuthFixtures {

    public static final String KABUPATEN = "73.24";
    public static final String DESA = "73.24.04.2001";
    /** Another desa of the same kabupaten. */
    public static final String OTHER_DESA = "73.24.04.2002";
    public static final String OTHER_KABUPATEN = "73.17";
    public static final String OTHER_KABUPATEN_DESA = "73.17.01.2005";

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private AuthFixtures() {
    }

    /** The regions above, inserted when absent. */
    public static void ensureRegions() {
        QuarkusTransaction.requiringNew().run(() -> {
            EntityManager em = em();
            String[][] rows = {
                    {"73", "Sulawesi Selatan", "1", null},
                    {"73.24", "Kabupaten Luwu Timur", "2", "73"},
                    {"73.24.04", "Malili", "3", "73.24"},
                    {"73.24.04.2001", "Harapan", "4", "73.24.04"},
                    {"73.24.04.2002", "Laskap", "4", "73.24.04"},
                    {"73.17", "Kabupaten Luwu", "2", "73"},
                    {"73.17.01", "Basse Sangtempe", "3", "73.17"},
                    {"73.17.01.2005", "Kanna", "4", "73.17.01"}};
            for (String[] r : rows) {
                em.createNativeQuery("""
                                insert into region (code, name, level, parent_code, name_key)
                                values (:code, :name, :level, :parent, lower(:name)) on conflict (code) do nothing""")
                        .setParameter("code", r[0]).setParameter("name", r[1])
                        .setParameter("level", Short.parseShort(r[2])).setParameter("parent", r[3])
                        .executeUpdate();
            }
        });
        // both kabupaten are in service: the home one is the demo kabupaten, the other is onboarded from a document
        Tenants.inService(KABUPATEN);
        Tenants.onboard(OTHER_KABUPATEN, Tenants.smallDocument(OTHER_KABUPATEN, "Luwu"));
    }

    /** The id of the OPD with this code in the kabupaten, created (kind DINAS) when absent. */
    public static long opd(String kabupatenCode, String code) {
        ensureRegions();
        return QuarkusTransaction.requiringNew().call(() -> {
            Opd existing = Opd.find("kabupatenCode = ?1 and code = ?2", kabupatenCode, code).firstResult();
            if (existing != null) {
                return existing.id;
            }
            return persistOpd(kabupatenCode, code, "Test " + code);
        });
    }

    /** Stores a new active OPD of kind DINAS with its queue state, in the current transaction; its id. */
    static long persistOpd(String kabupatenCode, String code, String name) {
        Opd opd = new Opd();
        opd.kabupatenCode = kabupatenCode;
        opd.code = code;
        opd.name = name;
        opd.kind = OpdKind.DINAS;
        opd.createdAt = Instant.now();
        opd.updatedAt = opd.createdAt;
        opd.persistWithQueueState();
        return opd.id;
    }

    /** The OPD an OPD-scoped test works in. */
    public static long homeOpd() {
        return opd(KABUPATEN, "TEST_AUTH_A");
    }

    /** Another OPD of the same kabupaten. */
    public static long otherOpd() {
        return opd(KABUPATEN, "TEST_AUTH_B");
    }

    /** An OPD of the other kabupaten. */
    public static long otherKabupatenOpd() {
        return opd(OTHER_KABUPATEN, "TEST_AUTH_C");
    }

    /** A username no other test uses. */
    public static String uniqueUsername(String stem) {
        return (stem + "-" + RUN + "-" + SEQ.incrementAndGet()).toLowerCase();
    }

    /** A new account with a real bcrypt hash of the password (null: no usable password). */
    public static Account account(String username, String password, Role role, String kabupatenCode, String desaCode, Long opdId) {
        ensureRegions();
        String hash = password == null ? "!" : CDI.current().select(Passwords.class).get().hash(password);
        return QuarkusTransaction.requiringNew().call(
                () -> TestAccounts.persist(username, "Test " + username, hash, role, kabupatenCode, desaCode, opdId));
    }

    private static final java.util.Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The secret of a working API key of the OPD, made once per test run. */
    public static String apiKey(long opdId) {
        return KEYS.computeIfAbsent("opd" + opdId, k -> newApiKey(opdId, "test system", false));
    }

    /** A new API key of the OPD; revoked already when asked. Returns the secret. */
    public static String newApiKey(long opdId, String name, boolean revoked) {
        String secret = id.go.layanandesa.account.ApiKeySecrets.generate();
        QuarkusTransaction.requiringNew().run(() -> {
            Opd opd = Opd.findById(opdId);
            id.go.layanandesa.account.ApiKey key = new id.go.layanandesa.account.ApiKey();
            key.kabupatenCode = opd.kabupatenCode;
            key.opdId = opdId;
            key.name = name;
            key.prefix = secret.substring(0, 12);
            key.keyHash = id.go.layanandesa.account.ApiKeySecrets.hash(secret);
            key.createdAt = Instant.now();
            key.revokedAt = revoked ? key.createdAt : null;
            key.persist();
        });
        return secret;
    }

    /** The id of the API key with this secret. */
    public static long apiKeyId(String secret) {
        return ((Number) scalar("select id from api_key where key_hash = ?1", id.go.layanandesa.account.ApiKeySecrets.hash(secret))).longValue();
    }

    public static Account reload(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(id));
    }

    /** {@link Db#single}, as the auth tests call it. */
    public static Object scalar(String sql, Object... params) {
        return Db.single(sql, params);
    }

    /** {@link Db#update}, as the auth tests call it. */
    public static int update(String sql, Object... params) {
        return Db.update(sql, params);
    }

    static EntityManager em() {
        return CDI.current().select(EntityManager.class).get();
    }
}
