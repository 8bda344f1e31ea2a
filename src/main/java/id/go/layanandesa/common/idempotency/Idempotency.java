package id.go.layanandesa.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Idempotency-Key handling for creating and changing calls. Everything happens in the caller's
 * transaction: a transaction-scoped advisory lock marks the key as in flight (a concurrent retry gets
 * 409), the stored response is replayed for the same body (422 for a different one), and the new
 * response is stored in the same commit as the work it describes, so a refused request leaves no record.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** A response as it went out the first time. */
    public record Reply(int status, String body, String location, boolean replayed) {
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    LayananConfig config;

    /** The mapper with sorted map keys, made once: a copy per call rebuilt Jackson's serializer caches every time. */
    private volatile ObjectMapper canonical;

    public static void checkKey(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1 to 100 of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
    }

    /** A digest of what a call asked for: the operation and its canonical body. */
    public String fingerprint(String operation, Object body) {
        try {
            byte[] json = canonical().writeValueAsBytes(body);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(json);
            return HexFormat.of().formatHex(digest.digest());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectMapper canonical() {
        ObjectMapper m = canonical;
        if (m == null) {
            m = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            canonical = m;
        }
        return m;
    }

    /**
     * Claims the key for this transaction. Returns the stored reply when the same call was already
     * answered; throws 409 while another call with the key is in flight, 422 when the key was used for
     * a different call.
     */
    public Optional<Reply> begin(String principal, String key, String fingerprint) {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(:p), hashtext(:k))")
                .setParameter("p", principal).setParameter("k", key).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            throw ProblemException.conflict("IDEMPOTENCY_IN_FLIGHT",
                    "a call with this Idempotency-Key is still being processed; retry in a moment");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select request_hash, status, body, location from idempotency_record
                         where principal = :p and idem_key = :k and created_at > :since""")
                .setParameter("p", principal).setParameter("k", key)
                .setParameter("since", Timestamp.from(clock.instant().minus(config.idempotency().retention())))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (!fingerprint.equals(row[0])) {
            throw ProblemException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was already used for a different call; use a new key for a new call");
        }
        return Optional.of(new Reply(((Number) row[1]).intValue(), (String) row[2], (String) row[3], true));
    }

    /** Stores the reply in the current transaction and returns it. */
    public Reply complete(String principal, String key, String fingerprint, int status, Object body, String location) {
        String json = toJson(body);
        if (key != null) {
            em.createNativeQuery("""
                            insert into idempotency_record (principal, idem_key, request_hash, status, body, location, created_at)
                            values (:p, :k, :h, :s, :b, :l, :t)
                            on conflict (principal, idem_key) do update
                               set request_hash = excluded.request_hash, status = excluded.status, body = excluded.body,
                                   location = excluded.location, created_at = excluded.created_at""")
                    .setParameter("p", principal).setParameter("k", key).setParameter("h", fingerprint)
                    .setParameter("s", status).setParameter("b", json).setParameter("l", location)
                    .setParameter("t", Timestamp.from(clock.instant()))
                    .executeUpdate();
        }
        return new Reply(status, json, location, false);
    }

    public String toJson(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets replies older than the retention. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Instant before = clock.instant().minus(config.idempotency().retention());
        em.createNativeQuery("delete from idempotency_record where created_at < :t")
                .setParameter("t", Timestamp.from(before)).executeUpdate();
    }
}
