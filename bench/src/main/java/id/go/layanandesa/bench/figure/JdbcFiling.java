package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Accounts;
import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Db;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The filing figure's baseline: the statements one filing issues (read from the service's code), in the same order
 * and the same round trips (the key's lock with its look-up; the request with its entry and OPD-list row; the
 * statements just before the commit), one transaction per filing, one connection per worker. Ids are taken in
 * blocks of 50 as the service takes them.
 */
final class JdbcFiling implements AutoCloseable {

    /** The webhook outbox's statement (WebhookOutbox.QUEUE). */
    private static final String OUTBOX = """
            with queued as (
                insert into webhook_delivery (subscription_id, event_id, request_id, event_type, created_at, next_attempt_at)
                select s.id, e.event_id, e.request_id, e.type, ?, ?
                  from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) with ordinality
                       as e(event_id, request_id, kabupaten_code, type, service_type_id, from_opd_id, to_opd_id, ord)
                  join webhook_subscription s on s.kabupaten_code = e.kabupaten_code
                   and (s.opd_id is null or s.opd_id = e.from_opd_id or s.opd_id = e.to_opd_id)
                   and (cardinality(s.event_types) = 0 or e.type = any(s.event_types))
                   and (cardinality(s.service_type_ids) = 0 or e.service_type_id = any(s.service_type_ids))
                 order by e.ord, s.id
                returning 1)
            select pg_notify('layanan_webhooks', '') from (select 1 from queued limit 1) q""";

    /** RequestJournal.file's statements: the request, its FILED entry, its place in the OPD's list, in one round trip. */
    private static final String FILE = """
            insert into service_request (id, tracking_code, kabupaten_code, kecamatan_code, desa_code, service_type_id,
                                         service_type_version, opd_id, routing_rule_id, status, citizen_nik, citizen_name,
                                         citizen_phone, citizen_address, answers, documents, note, filed_by, filed_at, due_date,
                                         version, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?);
            insert into request_event (id, request_id, at, type, actor_kind, actor_id, actor_name, from_status, to_status,
                                       from_opd_id, to_opd_id, note, public_note)
            select * from unnest(?::bigint[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                                 ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[]);
            insert into request_opd (opd_id, request_id, filed_at)
            select * from unnest(?::bigint[], ?::bigint[], ?::timestamptz[])
            on conflict do nothing""";

    /** DesaListVersions', Rollups' and QueueSignals' statements, as RequestJournal sends them together before the commit. */
    private static final String COMMIT_SIGNALS = """
            insert into desa_request_state as s (desa_code, version, changed_at)
            select d, 1, ? from unnest(?) d order by d
            on conflict (desa_code) do update set version = s.version + 1, changed_at = excluded.changed_at;
            select stat_refresh(?);
            with bumped as (
                insert into opd_queue_state as q (opd_id, version, changed_at)
                select o, 1, ? from unnest(?) o order by o
                on conflict (opd_id) do update set version = q.version + 1, changed_at = excluded.changed_at
                returning opd_id, version)
            select opd_id, version, pg_notify('layanan_queue', opd_id || ':' || version || ':' || (case when opd_id = any(?) then 1 else 0 end))
              from bumped""";

    private final Bench bench;
    private final Accounts accounts;
    private final Connection[] connections;
    private final IdBlocks requestIds = new IdBlocks("service_request_seq");
    private final IdBlocks eventIds = new IdBlocks("request_event_seq");

    JdbcFiling(Bench bench, int n) throws Exception {
        this.bench = bench;
        this.accounts = bench.accounts();
        connections = new Connection[n];
        for (int i = 0; i < n; i++) {
            connections[i] = bench.db.connect();
            connections[i].setAutoCommit(false);
        }
    }

    boolean file(int worker) throws Exception {
        Connection c = connections[worker];
        String desa = accounts.desas().get(worker % accounts.desas().size());
        String kecamatan = desa.substring(0, 8);
        String principal = "account:" + accounts.desaAccounts().get(worker % accounts.desaAccounts().size());
        // the service keeps the key as an HMAC: 64 hex characters
        String idemKey = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(UUID.randomUUID().toString().getBytes()));
        Map<String, Object> body = bench.filingBody(worker);
        byte[] json = Api.JSON.writeValueAsBytes(body);
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        Instant now = Instant.now();
        try {
            // IdempotentCalls: the key's lock, then the look-up of a stored answer, two statements in one round trip
            try (PreparedStatement p = c.prepareStatement("""
                    select pg_try_advisory_xact_lock(hashtext(?), hashtext(?)) as locked;
                    select request_hash, status, body, location, etag from idempotency_record
                     where principal = ? and key_hash = ? and created_at > ?""")) {
                p.setString(1, principal);
                p.setString(2, idemKey);
                p.setString(3, principal);
                p.setString(4, idemKey);
                p.setTimestamp(5, Timestamp.from(now.minus(Duration.ofHours(24))));
                executeAll(p, 2);
            }
            int limitDays;
            int typeVersion;
            // ServiceDefinitions: the service type's plain columns (its parsed definition is kept per version)
            try (PreparedStatement p = c.prepareStatement(
                    "select kabupaten_code, open, version, time_limit_days, updated_at from service_type where id = ?")) {
                p.setLong(1, accounts.serviceTypeId());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    rs.getString("kabupaten_code");
                    rs.getBoolean("open");
                    rs.getTimestamp("updated_at");
                    limitDays = rs.getInt("time_limit_days");
                    typeVersion = rs.getInt("version");
                }
            }
            long opdId;
            Long ruleId;
            String opdCode;
            String opdName;
            try (PreparedStatement p = c.prepareStatement("""
                    select c.opd_id, c.rule_id, c.rank, o.code as opd_code, o.name as opd_name from (
                        select coalesce(r.opd_id,
                                   (select k.id from opd k
                                     where k.kabupaten_code = r.kabupaten_code and k.active and k.kind = r.opd_kind
                                       and k.region_code in (?, ?)
                                       and (r.opd_code_prefix is null or starts_with(k.code, r.opd_code_prefix))
                                     order by length(k.region_code) desc, k.code
                                     limit 1)) as opd_id,
                               r.id as rule_id,
                               (case when r.service_type_id is null then 3 else 0 end)
                             + (case r.region_code when ? then 0 when ? then 1 else 2 end) as rank
                          from routing_rule r
                         where r.kabupaten_code = ?
                           and coalesce(r.service_type_id, 0) in (?, 0)
                           and r.region_code in (?, ?, ?)
                        union all
                        select s.default_opd_id, null, 6 from service_type s where s.id = ?
                        union all
                        select o.id, null, 7 from opd o where o.kabupaten_code = ? and o.triage
                    ) c
                    join opd o on o.id = c.opd_id and o.active
                    order by c.rank
                    limit 1""")) {
                p.setString(1, desa);
                p.setString(2, kecamatan);
                p.setString(3, desa);
                p.setString(4, kecamatan);
                p.setString(5, Bench.KAB);
                p.setLong(6, accounts.serviceTypeId());
                p.setString(7, desa);
                p.setString(8, kecamatan);
                p.setString(9, Bench.KAB);
                p.setLong(10, accounts.serviceTypeId());
                p.setString(11, Bench.KAB);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    opdId = rs.getLong(1);
                    long rule = rs.getLong(2);
                    ruleId = rs.wasNull() ? null : rule;
                    opdCode = rs.getString("opd_code");
                    opdName = rs.getString("opd_name");
                }
            }
            ZoneId zone = ZoneId.of("Asia/Makassar");
            LocalDate start = now.atZone(zone).toLocalDate();
            Set<LocalDate> holidays = new java.util.HashSet<>();
            try (PreparedStatement p = c.prepareStatement(
                    "select day from holiday where kabupaten_code = ? and day > ? and day <= ?")) {
                p.setString(1, Bench.KAB);
                p.setDate(2, Date.valueOf(start));
                p.setDate(3, Date.valueOf(start.plusDays(limitDays * 2L + 60)));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        holidays.add(rs.getDate(1).toLocalDate());
                    }
                }
            }
            LocalDate due = start;
            for (int left = limitDays; left > 0; ) {
                due = due.plusDays(1);
                if (due.getDayOfWeek().getValue() < 6 && !holidays.contains(due)) {
                    left--;
                }
            }
            long id = requestIds.next(c);
            long eventId = eventIds.next(c);
            String tracking = trackingCode();
            // the journal's one round trip (RequestJournal.file): the request, its FILED entry, its place in the OPD's list
            try (PreparedStatement p = c.prepareStatement(FILE)) {
                int i = 1;
                p.setLong(i++, id);
                p.setString(i++, tracking);
                p.setString(i++, Bench.KAB);
                p.setString(i++, kecamatan);
                p.setString(i++, desa);
                p.setLong(i++, accounts.serviceTypeId());
                p.setInt(i++, typeVersion);
                p.setLong(i++, opdId);
                if (ruleId == null) {
                    p.setNull(i++, java.sql.Types.BIGINT);
                } else {
                    p.setLong(i++, ruleId);
                }
                p.setString(i++, "SUBMITTED");
                p.setString(i++, (String) ((Map<?, ?>) body.get("citizen")).get("nik"));
                p.setString(i++, "Warga Uji " + worker);
                p.setNull(i++, java.sql.Types.VARCHAR);
                p.setNull(i++, java.sql.Types.VARCHAR);
                p.setString(i++, Api.JSON.writeValueAsString(body.get("answers")));
                p.setString(i++, Api.JSON.writeValueAsString(body.get("documents")));
                p.setNull(i++, java.sql.Types.VARCHAR);
                p.setLong(i++, accounts.desaAccounts().get(worker % accounts.desaAccounts().size()));
                p.setTimestamp(i++, Timestamp.from(now));
                p.setDate(i++, Date.valueOf(due));
                p.setInt(i++, 0);
                p.setTimestamp(i++, Timestamp.from(now));
                p.setArray(i++, c.createArrayOf("bigint", new Object[]{eventId}));
                p.setArray(i++, c.createArrayOf("bigint", new Object[]{id}));
                p.setArray(i++, c.createArrayOf("text", new Object[]{now.toString()}));
                p.setArray(i++, c.createArrayOf("text", new Object[]{"FILED"}));
                p.setArray(i++, c.createArrayOf("text", new Object[]{"ACCOUNT"}));
                p.setArray(i++, c.createArrayOf("bigint", new Object[]{accounts.desaAccounts().get(worker % accounts.desaAccounts().size())}));
                p.setArray(i++, c.createArrayOf("text", new Object[]{"bench-desa-" + worker}));
                p.setArray(i++, c.createArrayOf("text", new Object[]{null}));
                p.setArray(i++, c.createArrayOf("text", new Object[]{"SUBMITTED"}));
                p.setArray(i++, c.createArrayOf("bigint", new Object[]{null}));
                p.setArray(i++, c.createArrayOf("bigint", new Object[]{opdId}));
                p.setArray(i++, c.createArrayOf("text", new Object[]{"routed by " + (ruleId == null ? "SERVICE_DEFAULT" : "RULE_SERVICE_DESA")}));
                p.setArray(i++, c.createArrayOf("text", new Object[]{null}));
                p.setArray(i++, c.createArrayOf("bigint", new Object[]{opdId}));
                p.setArray(i++, c.createArrayOf("bigint", new Object[]{id}));
                p.setArray(i, c.createArrayOf("text", new Object[]{now.toString()}));
                p.execute();
            }
            // the journal's announcement: the webhook outbox queues a delivery per subscription that wants the change
            // (none here: the statement runs and writes nothing)
            try (PreparedStatement p = c.prepareStatement(OUTBOX)) {
                p.setTimestamp(1, Timestamp.from(now));
                p.setTimestamp(2, Timestamp.from(now));
                p.setArray(3, c.createArrayOf("bigint", new Object[]{eventId}));
                p.setArray(4, c.createArrayOf("bigint", new Object[]{id}));
                p.setArray(5, c.createArrayOf("text", new Object[]{Bench.KAB}));
                p.setArray(6, c.createArrayOf("text", new Object[]{"FILED"}));
                p.setArray(7, c.createArrayOf("bigint", new Object[]{accounts.serviceTypeId()}));
                p.setArray(8, c.createArrayOf("bigint", new Object[]{null}));
                p.setArray(9, c.createArrayOf("bigint", new Object[]{opdId}));
                Db.drain(p);
            }
            Map<String, Object> receipt = new LinkedHashMap<>();
            receipt.put("id", id);
            receipt.put("trackingCode", tracking);
            receipt.put("status", "SUBMITTED");
            receipt.put("opd", Map.of("id", opdId, "code", opdCode, "name", opdName));
            receipt.put("routedBy", "SERVICE_DEFAULT");
            receipt.put("filedAt", now.toString());
            receipt.put("dueDate", due.toString());
            receipt.put("version", 0);
            try (PreparedStatement p = c.prepareStatement("""
                    insert into idempotency_record (principal, key_hash, request_hash, status, body, location, etag, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (principal, key_hash) do update
                       set request_hash = excluded.request_hash, status = excluded.status, body = excluded.body,
                           location = excluded.location, etag = excluded.etag, created_at = excluded.created_at""")) {
                p.setString(1, principal);
                p.setString(2, idemKey);
                p.setString(3, fingerprint);
                p.setInt(4, 201);
                // the service stores the answer encrypted: base64 of about the same size
                p.setString(5, java.util.Base64.getEncoder().encodeToString(Api.JSON.writeValueAsBytes(receipt)));
                p.setString(6, "/api/v1/requests/" + id);
                p.setString(7, "\"0\"");
                p.setTimestamp(8, Timestamp.from(now));
                p.executeUpdate();
            }
            // just before the commit, as the service sends them: the desa's list version, the statistics' rollups and the
            // queue's version with its NOTIFY, three statements in one round trip
            try (PreparedStatement p = c.prepareStatement(COMMIT_SIGNALS)) {
                p.setTimestamp(1, Timestamp.from(now));
                p.setArray(2, c.createArrayOf("varchar", new Object[]{desa}));
                p.setArray(3, c.createArrayOf("bigint", new Object[]{id}));
                p.setTimestamp(4, Timestamp.from(now));
                p.setArray(5, c.createArrayOf("bigint", new Object[]{opdId}));
                p.setArray(6, c.createArrayOf("bigint", new Object[]{opdId}));
                executeAll(p, 3);
            }
            c.commit();
            return true;
        } catch (Exception e) {
            c.rollback();
            throw e;
        }
    }

    /** Runs a prepared statement of several and reads every answer, as the service does. */
    private static void executeAll(PreparedStatement p, int statements) throws SQLException {
        boolean rows = p.execute();
        for (int i = 0; i < statements; i++) {
            if (rows) {
                try (ResultSet rs = p.getResultSet()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
            rows = p.getMoreResults();
        }
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
    }

    /** Ids in blocks of 50 from one nextval, the block starting at the value, as Hibernate's pooled optimizer takes them. */
    static final class IdBlocks {
        final String sequence;
        long next;
        long end = -1;

        IdBlocks(String sequence) {
            this.sequence = sequence;
        }

        synchronized long next(Connection c) throws Exception {
            while (next > end || next < 1) {
                if (next > end) {
                    long hi = Db.single(c, "select nextval('" + sequence + "')");
                    next = hi;
                    end = hi + 49;
                } else {
                    next++;
                }
            }
            return next++;
        }
    }

    static String trackingCode() {
        String alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder s = new StringBuilder(12);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            if (i == 4 || i == 8) {
                s.append('-');
            }
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
