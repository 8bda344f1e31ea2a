package id.go.layanandesa.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.TransactionSql;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.http.ETags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one Idempotency-Key mechanism, for every creating or changing call: resource methods reach it through
 * {@link IdempotencyInterceptor}, the batch filing item by item. In the caller's transaction a
 * transaction-scoped advisory lock marks the key as in flight (a concurrent retry gets 409), the stored answer
 * is given again for the same call (422 for a different one), and a new answer is stored in the same commit
 * as the work it describes, so that a refused call leaves no record.
 *
 * <p>Records hold neither the key nor the answer in the clear: the key as an HMAC, the answer (personal data,
 * an API key's secret) encrypted under a key that only the client's Idempotency-Key and the installation's
 * secret give.
 */
@ApplicationScoped
public class IdempotentCalls {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A cipher per thread, initialised afresh with each answer's own key and nonce: finding the provider's each time cost more. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    /** What a call answered: status, body, the path of what it created, and the ETag of the body. */
    public record Answer(int status, Object body, String location, String etag) {
        public static Answer of(int status, Object body, String location) {
            return new Answer(status, body, location, ETags.ofBody(body));
        }
    }

    /** A stored answer, to be given again exactly as it went out. */
    public record Replay(int status, String json, String location, String etag) {
    }

    /** Either the answer of the work just done, or the replay of an earlier one. */
    public record Outcome(Answer answer, Replay replay) {
        public boolean replayed() {
            return replay != null;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    TransactionSql sql;

    @Inject
    ObjectMapper mapper;

    @Inject
    IdempotencySecret secret;

    @Inject
    Clock clock;

    @Inject
    LayananConfig config;

    /** The mapper with sorted map keys, made once: a copy per call rebuilt Jackson's serializer caches every time. */
    private volatile ObjectMapper canonical;

    /** 400 unless the key is well-formed (null: no key). */
    public static void checkKey(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1 to 100 of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
    }

    /** A keyed digest of what a call asked for: the operation and its arguments. */
    public String fingerprint(String operation, List<?> arguments) {
        List<Object> parts = new ArrayList<>(arguments.size());
        for (Object argument : arguments) {
            parts.add(Fingerprints.canonical(argument));
        }
        try {
            Mac mac = secret.macOver("call");
            mac.update(operation.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(canonical().writeValueAsBytes(parts));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code work} once per key in the current transaction, or gives the stored answer again. Answers of 300
     * and above are not kept (a failed call throws, and its transaction leaves no record either).
     */
    public Outcome execute(String principal, String key, String fingerprint, Supplier<Answer> work) {
        checkKey(key);
        String keyHash = HexFormat.of().formatHex(secret.mac("key", principal, key));
        Stored stored = lockAndLookUp(principal, keyHash, clock.instant().minus(config.idempotency().retention()));
        if (!stored.locked()) {
            throw ProblemException.conflict("IDEMPOTENCY_IN_FLIGHT",
                    "a call with this Idempotency-Key is still being processed; retry in a moment");
        }
        if (stored.record() != null) {
            Record record = stored.record();
            if (!fingerprint.equals(record.requestHash())) {
                throw ProblemException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                        "this Idempotency-Key was already used for a different call; use a new key for a new call");
            }
            String json = decrypt(record.body(), principal, key, keyHash);
            return new Outcome(null, new Replay(record.status(), json, record.location(), record.etag()));
        }
        Answer answer = work.get();
        if (answer.status() < 300) {
            String body = encrypt(toJson(answer.body()), principal, key, keyHash);
            // what the work left in the persistence context is written first, as the ORM did before any statement of its own
            em.flush();
            sql.update(STORE, principal, keyHash, fingerprint, answer.status(), body, answer.location(), answer.etag(), clock.instant());
        }
        return new Outcome(answer, null);
    }

    /**
     * Takes the key's transaction-scoped advisory lock, then reads the answer stored under it: two statements, so that
     * the look-up's snapshot is taken after the lock is granted (an earlier one could miss the answer that the lock's
     * previous holder committed), sent together in one round trip.
     */
    private Stored lockAndLookUp(String principal, String keyHash, Instant since) {
        return sql.run(LOCK_AND_LOOK_UP, c -> {
            try (PreparedStatement p = c.prepareStatement(LOCK_AND_LOOK_UP)) {
                TransactionSql.bind(p, 1, principal, keyHash, principal, keyHash, since);
                p.execute();
                boolean locked;
                try (ResultSet rows = p.getResultSet()) {
                    locked = rows.next() && rows.getBoolean("locked");
                }
                if (!p.getMoreResults()) {
                    throw new IllegalStateException("the look-up of the stored answer gave no result");
                }
                try (ResultSet rows = p.getResultSet()) {
                    Record record = !rows.next() ? null : new Record(rows.getString("request_hash"), rows.getInt("status"),
                            rows.getString("body"), rows.getString("location"), rows.getString("etag"));
                    return new Stored(locked, locked ? record : null);
                }
            }
        });
    }

    private static final String LOCK_AND_LOOK_UP = """
            select pg_try_advisory_xact_lock(hashtext(?), hashtext(?)) as locked;
            select request_hash, status, body, location, etag from idempotency_record
             where principal = ? and key_hash = ? and created_at > ?""";

    private static final String STORE = """
            insert into idempotency_record (principal, key_hash, request_hash, status, body, location, etag, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (principal, key_hash) do update
               set request_hash = excluded.request_hash, status = excluded.status, body = excluded.body,
                   location = excluded.location, etag = excluded.etag, created_at = excluded.created_at""";

    /** Whether the key's lock was granted, and the answer stored under it (null when none, or when not locked). */
    private record Stored(boolean locked, Record record) {
    }

    private record Record(String requestHash, int status, String body, String location, String etag) {
    }

    /** The body as the service writes it on the wire. */
    public String toJson(Object body) {
        if (body == null) {
            return "";
        }
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String encrypt(String json, String principal, String key, String keyHash) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, principal, key, nonce);
            cipher.updateAAD(keyHash.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String decrypt(String stored, String principal, String key, String keyHash) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, principal, key, java.util.Arrays.copyOf(all, 12));
            cipher.updateAAD(keyHash.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The installation's secret changed (a new signing key) since the answer was stored.
            throw ProblemException.conflict("IDEMPOTENCY_KEY_UNREADABLE",
                    "the first answer under this Idempotency-Key cannot be read any more; check whether that call took "
                            + "effect before sending it again under a new key");
        }
    }

    private Cipher cipher(int mode, String principal, String key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, new SecretKeySpec(secret.mac("answer", principal, key), "AES"), new GCMParameterSpec(128, nonce));
        return cipher;
    }

    private ObjectMapper canonical() {
        ObjectMapper m = canonical;
        if (m == null) {
            m = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            canonical = m;
        }
        return m;
    }

    /** Forgets answers older than the retention. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        em.createNativeQuery("delete from idempotency_record where created_at < :t")
                .setParameter("t", Timestamp.from(clock.instant().minus(config.idempotency().retention()))).executeUpdate();
    }
}
