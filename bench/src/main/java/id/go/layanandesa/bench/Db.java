package id.go.layanandesa.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/** The service's database over plain JDBC, for fixtures and for the baselines that run the service's statements. */
public final class Db {

    private final String url;
    private final java.nio.file.Path data;

    Db(int port, java.nio.file.Path data) {
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        this.data = data;
    }

    /** As the service's own role, with the login the service keeps in its data folder (pg.credentials). */
    public Connection connect() throws Exception {
        java.util.Properties logins = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(data.resolve("pg.credentials"))) {
            logins.load(in);
        }
        return DriverManager.getConnection(url, logins.getProperty("user"), logins.getProperty("password"));
    }

    public long count(String table) throws Exception {
        try (Connection c = connect()) {
            return single(c, "select count(*) from " + table);
        }
    }

    public static long single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a query and reads every column of every row, as the service's mapping would. */
    public static void drain(PreparedStatement p) throws Exception {
        try (ResultSet rs = p.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    rs.getObject(i);
                }
            }
        }
    }

    /** What the service does just before a change commits: the desa's list version and the queue's version move. */
    public static void signal(Connection c, String desa, long opdId) throws Exception {
        desaSignal(c, desa);
        queueSignal(c, opdId);
    }

    /** The desa's list version moves, in the caller's transaction. */
    public static void desaSignal(Connection c, String desa) throws Exception {
        try (PreparedStatement p = c.prepareStatement("""
                insert into desa_request_state as s (desa_code, version, changed_at)
                select d, 1, ? from unnest(?) d order by d
                on conflict (desa_code) do update set version = s.version + 1, changed_at = excluded.changed_at""")) {
            p.setTimestamp(1, Timestamp.from(Instant.now()));
            p.setArray(2, c.createArrayOf("varchar", new Object[]{desa}));
            p.executeUpdate();
        }
    }

    /** The service's queue signal for an OPD: bump its queue version and NOTIFY, in the caller's transaction. */
    public static void queueSignal(Connection c, long opdId) throws Exception {
        try (PreparedStatement p = c.prepareStatement("""
                with bumped as (
                    insert into opd_queue_state as q (opd_id, version, changed_at)
                    select o, 1, ? from unnest(?) o order by o
                    on conflict (opd_id) do update set version = q.version + 1, changed_at = excluded.changed_at
                    returning opd_id)
                select pg_notify('layanan_queue', cast(opd_id as text)) from bumped where opd_id = any(?)""")) {
            p.setTimestamp(1, Timestamp.from(Instant.now()));
            p.setArray(2, c.createArrayOf("bigint", new Object[]{opdId}));
            p.setArray(3, c.createArrayOf("bigint", new Object[]{opdId}));
            drain(p);
        }
    }
}
