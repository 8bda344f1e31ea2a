package id.go.layanandesa.catalog;

import id.go.layanandesa.common.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
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

    private record Parsed(List<FieldDefinition> fields, List<DocumentDefinition> documents) {
    }

    /** Enough for a few versions of every service of a kabupaten; past it the oldest are simply read again. */
    static final int MAX_ENTRIES = 2_000;

    private final ConcurrentHashMap<Key, Parsed> parsed = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    /** The service's current definition; empty when there is no such service. */
    public Optional<Definition> current(long id) {
        List<Tuple> rows = em.createNativeQuery("""
                        select kabupaten_code, open, version, time_limit_days, updated_at from service_type where id = :id""", Tuple.class)
                .setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Tuple row = rows.get(0);
        int version = row.get("version", Number.class).intValue();
        Key key = new Key(id, version, SqlValues.instant(row.get("updated_at")));
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
        return Optional.of(new Definition(id, row.get("kabupaten_code", String.class), Boolean.TRUE.equals(row.get("open", Boolean.class)),
                version, row.get("time_limit_days", Number.class).intValue(), definition.fields(), definition.documents()));
    }

    private static Definition of(ServiceType type, List<FieldDefinition> fields, List<DocumentDefinition> documents) {
        return new Definition(type.id, type.kabupatenCode, type.open, type.version, type.timeLimitDays, fields, documents);
    }
}
