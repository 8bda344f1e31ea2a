package id.go.layanandesa.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.List;

/** Reads the database directly, so tests check effects and not only answers. */
public final class Db {

    private Db() {
    }

    public static long count(String sql, Object... params) {
        return ((Number) single(sql, params)).longValue();
    }

    public static Object single(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> query(sql, params).getSingleResult());
    }

    @SuppressWarnings("unchecked")
    public static List<Object[]> rows(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> (List<Object[]>) query(sql, params).getResultList());
    }

    /** The single column of every row. */
    @SuppressWarnings("unchecked")
    public static List<Object> rowsOf(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> (List<Object>) query(sql, params).getResultList());
    }

    public static void exec(String sql, Object... params) {
        update(sql, params);
    }

    /** Runs a statement that changes rows in a transaction of its own; how many rows it changed. */
    public static int update(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> query(sql, params).executeUpdate());
    }

    /** The statement with its {@code ?1, ?2, ...} bound, in the caller's transaction. */
    private static Query query(String sql, Object... params) {
        Query q = CDI.current().select(EntityManager.class).get().createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q;
    }

    /** Id of a service type of the demo kabupaten by its code. */
    public static long serviceType(String kabupaten, String code) {
        return count("select id from service_type where kabupaten_code = ?1 and code = ?2", kabupaten, code);
    }
}
