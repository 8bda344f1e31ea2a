package id.go.layanandesa.catalog;

import id.go.layanandesa.common.TransactionSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service's definition as filing needs it. The row's plain columns are read every time (in the caller's
 * transaction, so a change committed before is always seen, on any instance); the fields and documents, which
 * change only with a new version, are parsed once per version and kept. A cached definition is used only
 * when the row still carries the same version and the same {@code updated_at}; anything else reads it again.
 */
@ApplicationScoped
public class ServiceDefinitions {

    /** The service as a filing sees it: who offers it, whether it is open, and its current definition. */
    public record Definition(long id, String kabupatenCode, boolean open, int version, int timeLimitDays,
                             List<FieldDefinition> fields, List<DocumentDefinition> documents) {
    }

    private record Key(long id, int version, Instant updatedAt) {
    }

    /** The plain columns, read each time. */
    private record Row(String kabupatenCode, boolean open, int version, int timeLimitDays, Instant updatedAt) {
    }

    private record Parsed(List<FieldDefinition> fields, List<DocumentDefinition> documents) {
    }

    /** Enough for a few versions of every service of a kabupaten; past it the oldest are simply read again. */
    static final int MAX_ENTRIES = 2_000;

    /**
     * Service types change only in calls of their own, never in a transaction that files, so a plain statement sees
     * all there is to see: no change of the row waits unwritten in the persistence context.
     */
    private static final String ROW = "select kabupaten_code, open, version, time_limit_days, updated_at from service_type where id = ?";

    private final ConcurrentHashMap<Key, Parsed> parsed = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    @Inject
    TransactionSql sql;

    /** The service's current definition; empty when there is no such service. */
    public Optional<Definition> current(long id) {
        Row row = sql.first(ROW, r -> new Row(r.getString("kabupaten_code"), r.getBoolean("open"), r.getInt("version"),
                r.getInt("time_limit_days"), TransactionSql.instant(r, "updated_at")), id).orElse(null);
        if (row == null) {
            return Optional.empty();
        }
        int version = row.version();
        Key key = new Key(id, version, row.updatedAt());
        Parsed definition = parsed.get(key);
        if (definition == null) {
            // read-only: Hibernate keeps no snapshot of the JSON and never checks it for changes
            ServiceType type = em.unwrap(Session.class).byId(ServiceType.class).withReadOnly(true).load(id);
            if (type == null || type.version != version) {
                // changed between the two reads: use what the entity says and keep nothing
                return type == null ? Optional.empty() : Optional.of(of(type, List.copyOf(type.fields), List.copyOf(type.documents)));
            }
            definition = new Parsed(List.copyOf(type.fields), List.copyOf(type.documents));
            if (parsed.size() >= MAX_ENTRIES) {
                parsed.clear();
            }
            parsed.put(key, definition);
        }
        return Optional.of(new Definition(id, row.kabupatenCode(), row.open(), version, row.timeLimitDays(), definition.fields(),
                definition.documents()));
    }

    private static Definition of(ServiceType type, List<FieldDefinition> fields, List<DocumentDefinition> documents) {
        return new Definition(type.id, type.kabupatenCode, type.open, type.version, type.timeLimitDays, fields, documents);
    }
}
