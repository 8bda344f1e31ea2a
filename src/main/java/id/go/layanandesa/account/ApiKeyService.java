package id.go.layanandesa.account;

import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.opd.Opd;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** API keys of OPD systems: made and revoked by the kabupaten's admins, checked on every machine call. */
@ApplicationScoped
@Transactional
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
    /** last_used_at is written at most this often per key, not on every call. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ApiKeyCache cache;

    /** Whose key it is, and when its use was last recorded (at most once a minute). */
    public record KeyHolder(long id, String name, String kabupatenCode, long opdId, Instant lastUsedAt) {
    }

    /** The secret is in here and nowhere else, ever again. */
    public record Created(ApiKey key, String secret) {
    }

    /** The holder of a valid, unrevoked key, or null; what was read recently is not read again. */
    public KeyHolder authenticate(String secret) {
        if (secret == null || secret.length() > 200) {
            return null;
        }
        String hash = ApiKeySecrets.hash(secret);
        KeyHolder holder = cache.get(hash, () -> read(hash));
        if (holder != null && holder.lastUsedAt().isBefore(clock.instant().minus(LAST_USED_GRANULARITY))) {
            // the remembered holder is older than a minute: read again, which also records the use
            cache.forgetHash(hash);
            holder = cache.get(hash, () -> read(hash));
        }
        return holder;
    }

    private KeyHolder read(String hash) {
        ApiKey key = ApiKey.find("keyHash", hash).firstResult();
        if (key == null || key.revokedAt != null) {
            return null;
        }
        Instant now = clock.instant();
        Instant lastUsed = key.lastUsedAt;
        if (key.lastUsedAt == null || key.lastUsedAt.isBefore(now.minus(LAST_USED_GRANULARITY))) {
            // conditional, so that concurrent first calls of the minute write once between them
            em.createNativeQuery("""
                            update api_key set last_used_at = cast(:now as timestamptz)
                            where id = :id and (last_used_at is null or last_used_at < cast(:since as timestamptz))""")
                    .setParameter("now", now)
                    .setParameter("since", now.minus(LAST_USED_GRANULARITY))
                    .setParameter("id", key.id)
                    .executeUpdate();
            lastUsed = now;
        }
        return new KeyHolder(key.id, key.name, key.kabupatenCode, key.opdId, lastUsed);
    }

    public Created create(Caller caller, long opdId, String name) {
        Opd opd = Opd.findById(opdId);
        if (opd == null || !opd.kabupatenCode.equals(caller.kabupatenCode())) {
            throw ProblemException.invalid("opdId", "is not an OPD of kabupaten " + caller.kabupatenCode());
        }
        String secret = ApiKeySecrets.generate();
        ApiKey key = new ApiKey();
        key.kabupatenCode = opd.kabupatenCode;
        key.opdId = opd.id;
        key.name = name.trim();
        key.prefix = ApiKeySecrets.shown(secret);
        key.keyHash = ApiKeySecrets.hash(secret);
        key.createdBy = existingAccount(caller.accountId());
        key.createdAt = now();
        key.persist();
        LOG.infof("API key %d created for OPD %d by %s", key.id, opd.id, caller.principalKey());
        return new Created(key, secret);
    }

    /** Up to {@code max} keys after the id {@code after} (null: from the first), oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApiKey> list(Caller caller, Long opdId, Long after, int max) {
        long from = after == null ? 0L : after;
        if (opdId == null) {
            return ApiKey.find("kabupatenCode = ?1 and id > ?2 order by id", caller.kabupatenCode(), from).page(0, max).list();
        }
        return ApiKey.find("kabupatenCode = ?1 and opdId = ?2 and id > ?3 order by id", caller.kabupatenCode(), opdId, from)
                .page(0, max).list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ApiKey get(Caller caller, long id) {
        ApiKey key = ApiKey.findById(id);
        if (key == null || !key.kabupatenCode.equals(caller.kabupatenCode())) {
            throw ProblemException.notFound("API key " + id);
        }
        return key;
    }

    /** Revokes the key; revoking a revoked key changes nothing. */
    public ApiKey revoke(Caller caller, long id) {
        ApiKey key = ApiKey.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (key == null || !key.kabupatenCode.equals(caller.kabupatenCode())) {
            throw ProblemException.notFound("API key " + id);
        }
        if (key.revokedAt == null) {
            key.revokedAt = now();
            cache.revoked(key.id);
            LOG.infof("API key %d revoked by %s", key.id, caller.principalKey());
        }
        return key;
    }

    /** Now, to the microsecond the database keeps, so that answers show what was stored. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** The account id when it is one of ours (a token of an external identity provider may name none). */
    private static Long existingAccount(Long accountId) {
        return accountId != null && Account.findById(accountId) != null ? accountId : null;
    }
}
