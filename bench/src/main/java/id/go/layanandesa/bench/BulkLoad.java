package id.go.layanandesa.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static id.go.layanandesa.bench.Numbers.f1;

/**
 * Writes requests straight into the database, as filing would (row and FILED event), to bring it to the
 * size a stage measures at. Ids from the sequences one nextval per row, so the service's pooled id blocks
 * never overlap.
 */
final class BulkLoad {

    private final Db db;
    private final Log log;
    private final List<String> notes = new ArrayList<>();
    private int loaded;

    BulkLoad(Db db, Log log) {
        this.db = db;
        this.log = log;
    }

    /** Requests loaded so far. */
    int loaded() {
        return loaded;
    }

    /** One line per load: how many, how long. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Writes {@code n} requests. They are the ones filed in the last minutes, one a minute, newest first:
     * {@code from} counts how many of the newest already exist. Requests older than 30 days are finished
     * (90 % completed, 6 % rejected, 4 % cancelled); newer ones are open (70 % submitted, 30 % in progress).
     * Desa round-robin over Luwu Timur (but the wake-up desa), service types round-robin over its catalog,
     * each routed to the service type's default OPD; due date = filing date + 7/5 of the limit in days.
     */
    void load(int from, int n, long adminId, String wakeDesa) throws Exception {
        if (n <= 0) {
            return;
        }
        log.say("bulk-loading " + n + " requests");
        long t0 = System.nanoTime();
        int chunk = 100_000;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table bench_desa as select code, (row_number() over (order by code)) - 1 as i "
                        + "from region where level = 4 and code like '73.24.%' and code <> '" + wakeDesa + "'");
                s.execute("create temporary table bench_type as select id, version, default_opd_id, time_limit_days, "
                        + "(row_number() over (order by id)) - 1 as i from service_type where kabupaten_code = '73.24'");
            }
            long desaCount = Db.single(c, "select count(*) from bench_desa");
            long typeCount = Db.single(c, "select count(*) from bench_type");
            // g = minutes before now: from+1 .. from+n, newest first
            for (int start = from + 1; start <= from + n; start += chunk) {
                int end = Math.min(from + n, start + chunk - 1);
                try (PreparedStatement p = c.prepareStatement("""
                        with src as (
                            select g, now() - make_interval(mins => g::int) as filed_at
                              from generate_series(?, ?) g
                        ), ins as (
                            insert into service_request (id, tracking_code, kabupaten_code, kecamatan_code, desa_code, service_type_id,
                                service_type_version, opd_id, status, citizen_nik, citizen_name, answers, documents, filed_by, filed_at,
                                due_date, finished_at, assigned_to, version, updated_at)
                            select nextval('service_request_seq'),
                                   (select substr(t, 1, 4) || '-' || substr(t, 5, 4) || '-' || substr(t, 9, 2)
                                      from (select string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ',
                                                   (((src.g + 918273645) / (30::bigint ^ i)::bigint) % 30)::int + 1, 1), '' order by i) t
                                              from generate_series(0, 9) i) x),
                                   '73.24', substr(d.code, 1, 8), d.code, st.id, st.version, st.default_opd_id,
                                   case when src.g > 43200 then
                                            case when src.g % 50 < 45 then 'COMPLETED' when src.g % 50 < 48 then 'REJECTED' else 'CANCELLED' end
                                        else case when src.g % 10 < 7 then 'SUBMITTED' else 'IN_PROGRESS' end end,
                                   replace(substr(d.code, 1, 8), '.', '') || '410790' || lpad((src.g % 9999 + 1)::text, 4, '0'),
                                   'Warga Uji',
                                   '{"nama_bayi": "Bayi", "tanggal_lahir": "2026-11-20", "jenis_kelamin": "LAKI_LAKI", "anak_ke": 1, "tempat_lahir": "Malili"}',
                                   '[{"code": "SURAT_KETERANGAN_LAHIR", "provision": "ON_PAPER"}, {"code": "KK", "provision": "ON_PAPER"}]',
                                   ?, src.filed_at,
                                   (src.filed_at at time zone 'Asia/Makassar')::date + (st.time_limit_days * 7 / 5),
                                   case when src.g > 43200 then src.filed_at + make_interval(days => (src.g % 10)::int) end,
                                   case when src.g <= 43200 and src.g % 10 >= 7 then 'account:0' end,
                                   0, src.filed_at
                              from src
                              join bench_desa d on d.i = src.g % ?
                              join bench_type st on st.i = (src.g / 7) % ?
                            returning id, filed_at, opd_id, filed_by
                        )
                        insert into request_event (id, request_id, at, type, actor_kind, actor_id, actor_name, from_status, to_status,
                                                   from_opd_id, to_opd_id, note)
                        select nextval('request_event_seq'), id, filed_at, 'FILED', 'DESA_OFFICER', filed_by, 'bench-admin', null,
                               'SUBMITTED', null, opd_id, 'routed by SERVICE_DEFAULT'
                          from ins""")) {
                    p.setInt(1, start);
                    p.setInt(2, end);
                    p.setLong(3, adminId);
                    p.setLong(4, desaCount);
                    p.setLong(5, typeCount);
                    p.executeUpdate();
                }
                c.commit();
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop table bench_desa");
                s.execute("drop table bench_type");
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze service_request");
                s.execute("vacuum analyze request_event");
            }
        }
        loaded += n;
        log.say("bulk load took " + f1((System.nanoTime() - t0) / 1e9) + " s");
        notes.add(n + " requests in " + f1((System.nanoTime() - t0) / 1e9) + " s");
    }
}
