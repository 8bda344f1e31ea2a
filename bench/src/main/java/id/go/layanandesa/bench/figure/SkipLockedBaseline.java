package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Db;
import id.go.layanandesa.bench.Result;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The claim figure's baseline: the same work in plain SQL. The service's claim statement (SKIP LOCKED)
 * plus the reads its reply needs, then per request the accept's statements (row lock, update, event, the
 * reply's reads, queue signal), each in its own transaction as the service does.
 */
final class SkipLockedBaseline {

    /** ClaimService's statement, with positional parameters. */
    static final String CLAIM_SQL = """
            with flagged as (
                update service_request
                   set needs_attention = true, claim_id = null, claimed_by = null, lease_until = null
                 where opd_id = ? and status = 'SUBMITTED' and not needs_attention
                   and delivery_count >= ? and (lease_until is null or lease_until < ?)
                returning id
            ), flag_events as (
                insert into request_event (id, request_id, at, type, actor_kind, actor_name, from_status, to_status,
                                           from_opd_id, to_opd_id, note)
                select nextval('request_event_seq'), id, ?, 'FLAGGED', 'SYSTEM', 'layanan-desa', 'SUBMITTED', 'SUBMITTED',
                       ?, ?, 'delivered ' || ? || ' times without being worked: a person should look'
                  from flagged
            ), flag_bump as (
                update opd_queue_state set version = version + 1, changed_at = ?
                 where opd_id = ? and exists (select 1 from flagged)
            ), picked as (
                select id from service_request
                 where opd_id = ? and status = 'SUBMITTED' and not needs_attention
                   and delivery_count < ? and (lease_until is null or lease_until < ?)
                 order by due_date, id
                 limit ?
                 for update skip locked
            )
            update service_request r
               set claim_id = ?, claimed_by = ?, lease_until = ?,
                   delivery_count = r.delivery_count + 1
              from picked
             where r.id = picked.id
            returning r.id
            """;

    private final Bench bench;
    private final long claimOpd;
    private final long serviceTypeId;

    SkipLockedBaseline(Bench bench) {
        this.bench = bench;
        this.claimOpd = bench.opds().claimOpd();
        this.serviceTypeId = bench.accounts().serviceTypeId();
    }

    /** The consumers claim and accept until the queue stays empty twice. */
    Result drain() throws Exception {
        int batch = bench.settings.claimBatch;
        AtomicInteger accepted = new AtomicInteger();
        long t0 = System.nanoTime();
        bench.load.runWorkers(bench.settings.claimConsumers, worker -> {
            try (Connection c = bench.db.connect()) {
                c.setAutoCommit(false);
                String consumer = "account:0/consumer-" + worker;
                int empty = 0;
                while (empty < 2) {
                    Instant now = Instant.now();
                    UUID claimId = UUID.randomUUID();
                    List<Long> ids = new ArrayList<>();
                    try (PreparedStatement p = c.prepareStatement(CLAIM_SQL)) {
                        p.setLong(1, claimOpd);
                        p.setInt(2, 5);
                        p.setTimestamp(3, Timestamp.from(now));
                        p.setTimestamp(4, Timestamp.from(now));
                        p.setLong(5, claimOpd);
                        p.setLong(6, claimOpd);
                        p.setInt(7, 5);
                        p.setTimestamp(8, Timestamp.from(now));
                        p.setLong(9, claimOpd);
                        p.setLong(10, claimOpd);
                        p.setInt(11, 5);
                        p.setTimestamp(12, Timestamp.from(now));
                        p.setInt(13, batch);
                        p.setObject(14, claimId);
                        p.setString(15, consumer);
                        p.setTimestamp(16, Timestamp.from(now.plusSeconds(300)));
                        try (ResultSet rs = p.executeQuery()) {
                            while (rs.next()) {
                                ids.add(rs.getLong(1));
                            }
                        }
                    }
                    if (ids.isEmpty()) {
                        c.commit();
                        empty++;
                        continue;
                    }
                    empty = 0;
                    Long[] idArray = ids.toArray(Long[]::new);
                    detailReads(c, idArray, true);
                    c.commit();
                    for (long id : ids) {
                        String desa;
                        try (PreparedStatement p = c.prepareStatement("select * from service_request where id = ? for no key update")) {
                            p.setLong(1, id);
                            try (ResultSet rs = p.executeQuery()) {
                                rs.next();
                                desa = rs.getString("desa_code");
                            }
                        }
                        Instant at = Instant.now();
                        try (PreparedStatement p = c.prepareStatement("""
                                update service_request set answers = answers, assigned_to = ?, citizen_address = citizen_address,
                                    citizen_name = citizen_name, citizen_nik = citizen_nik, citizen_phone = citizen_phone, claim_id = null,
                                    claimed_by = null, delivery_count = delivery_count, desa_code = desa_code, document_number = document_number,
                                    documents = documents, due_date = due_date, filed_at = filed_at, filed_by = filed_by,
                                    finished_at = finished_at, forward_count = forward_count, info_requested_by = info_requested_by,
                                    kabupaten_code = kabupaten_code, kecamatan_code = kecamatan_code, lease_until = null,
                                    needs_attention = needs_attention, note = note, opd_id = opd_id, result_note = result_note,
                                    routing_rule_id = routing_rule_id, service_type_id = service_type_id,
                                    service_type_version = service_type_version, status = 'IN_PROGRESS', tracking_code = tracking_code,
                                    updated_at = ?, version = version + 1
                                 where id = ? and version = 0""")) {
                            p.setString(1, consumer);
                            p.setTimestamp(2, Timestamp.from(at));
                            p.setLong(3, id);
                            p.executeUpdate();
                        }
                        try (PreparedStatement p = c.prepareStatement("""
                                insert into request_event (actor_id, actor_kind, actor_name, at, from_opd_id, from_status, note, request_id,
                                    to_opd_id, to_status, type, id)
                                values (0, 'OPD_OFFICER', 'bench-claims', ?, ?, 'SUBMITTED', null, ?, ?, 'IN_PROGRESS', 'ACCEPTED',
                                        nextval('request_event_seq'))""")) {
                            p.setTimestamp(1, Timestamp.from(at));
                            p.setLong(2, claimOpd);
                            p.setLong(3, id);
                            p.setLong(4, claimOpd);
                            p.executeUpdate();
                        }
                        detailReads(c, new Long[]{id}, false);
                        Db.signal(c, desa, claimOpd);
                        c.commit();
                        accepted.incrementAndGet();
                    }
                }
            }
        });
        return new Result(accepted.get(), System.nanoTime() - t0, new long[0]);
    }

    /** What the service reads to answer with request details: the rows (unless already read), their history, OPDs and service types. */
    private void detailReads(Connection c, Long[] ids, boolean rows) throws Exception {
        Array array = c.createArrayOf("bigint", ids);
        if (rows) {
            try (PreparedStatement p = c.prepareStatement("select * from service_request where id = any(?)")) {
                p.setArray(1, array);
                Db.drain(p);
            }
        }
        try (PreparedStatement p = c.prepareStatement("select * from request_event where request_id = any(?) order by id")) {
            p.setArray(1, array);
            Db.drain(p);
        }
        try (PreparedStatement p = c.prepareStatement("select * from opd where id = any(?)")) {
            p.setArray(1, c.createArrayOf("bigint", new Long[]{claimOpd}));
            Db.drain(p);
        }
        try (PreparedStatement p = c.prepareStatement("select * from service_type where id = any(?)")) {
            p.setArray(1, c.createArrayOf("bigint", new Long[]{serviceTypeId}));
            Db.drain(p);
        }
    }
}
