package id.go.layanandesa.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole content of every table of the schema as one map: table → row count and an md5 of all its rows.
 * Two equal fingerprints mean no row was added, removed or changed anywhere. Reads waiting to be written to the audit
 * trail are written first. Only api_key.last_used_at is
 * left out: authenticating with a key records its use, which is not a change the refused call made.
 */
public final class DatabaseFingerprint {

    private static volatile String query;

    private DatabaseFingerprint() {
    }

    public static Map<String, String> take() {
        // reads recorded a moment ago are written now, not between two fingerprints
        CDI.current().select(id.go.layanandesa.audit.AuditReads.class).get().flush();
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = CDI.current().select(EntityManager.class).get();
            if (query == null) {
                @SuppressWarnings("unchecked")
                List<String> tables = em.createNativeQuery("""
                        select table_name from information_schema.tables
                        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
                        order by table_name""").getResultList();
                StringBuilder sql = new StringBuilder();
                for (String table : tables) {
                    if (!sql.isEmpty()) {
                        sql.append(" union all ");
                    }
                    sql.append("select '").append(table).append("', count(*) || ':' || md5(coalesce(string_agg(r, '|' order by r), ''))")
                            .append(" from (select (to_jsonb(t) - 'last_used_at')::text r from ").append(table).append(" t) s");
                }
                query = sql.toString();
            }
            Map<String, String> result = new TreeMap<>();
            for (Object row : em.createNativeQuery(query).getResultList()) {
                Object[] cols = (Object[]) row;
                result.put((String) cols[0], (String) cols[1]);
            }
            return result;
        });
    }
}
