package id.go.layanandesa.bench.figure;

import com.fasterxml.jackson.databind.JsonNode;
import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Db;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Result;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static id.go.layanandesa.bench.Numbers.f0;
import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;

/**
 * OPD systems working a queue: consumers claim batches and accept each batch through the API in one settlement
 * call, against the same work in plain SQL ({@link SkipLockedBaseline}); every delivered id is counted for duplicates.
 */
final class ClaimVsSkipLocked implements Figure {

    private int trackingSalt;

    @Override
    public String name() {
        return "claim";
    }

    @Override
    public String title() {
        return "claim + batch settle throughput vs a plain SQL SKIP LOCKED loop (≥ 0.8×), duplicates delivered (0)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        Settings s = bench.settings;
        long claimOpd = bench.opds().claimOpd();
        SkipLockedBaseline baseline = new SkipLockedBaseline(bench);
        bench.say("claim + batch settle: " + s.claimConsumers + " consumers, batches of " + s.claimBatch + ", " + s.claimRows + " requests a round");
        Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicInteger heldTwice = new AtomicInteger();
        // warm-up
        fillClaimQueue(bench, s.claimRows);
        drainViaApi(bench, deliveries, heldTwice);
        fillClaimQueue(bench, s.claimRows / 2);
        baseline.drain();
        List<Double> api = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        for (int round = 0; round < s.rounds; round++) {
            fillClaimQueue(bench, s.claimRows);
            Result a = drainViaApi(bench, deliveries, heldTwice);
            fillClaimQueue(bench, s.claimRows);
            Result b = baseline.drain();
            api.add(a.throughput());
            base.add(b.throughput());
            bench.say("  round " + (round + 1) + ": API " + f0(a.throughput()) + " accepted/s, JDBC " + f0(b.throughput()) + " accepted/s");
        }
        long duplicates = deliveries.values().stream().filter(n -> n.get() > 1).count();
        long left;
        try (Connection c = bench.db.connect()) {
            left = Db.single(c, "select count(*) from service_request where opd_id = " + claimOpd + " and status = 'SUBMITTED'");
        }
        double ratio = median(api) / median(base);
        return List.of(
                new Row("claim + batch settle throughput, " + s.claimConsumers + " consumers, batches of " + s.claimBatch
                        + ", vs a plain SQL SKIP LOCKED baseline", "≥ 0.8×",
                        f2(ratio) + "× (" + f0(median(api)) + " vs " + f0(median(base)) + " accepted/s; API rounds " + range(api, 0)
                                + ", JDBC rounds " + range(base, 0) + ")", ratio >= 0.8),
                new Row("duplicates delivered during the claim run", "0 (counted)",
                        duplicates + " requests delivered more than once, " + heldTwice.get() + " held by two consumers at once, out of "
                                + deliveries.size() + " delivered (all rounds incl. warm-up); " + left + " left unclaimed",
                        duplicates == 0 && heldTwice.get() == 0));
    }

    @Override
    public List<String> settings(Settings s) {
        return List.of("Claims: " + s.claimConsumers + " consumers, batches of " + s.claimBatch + ", " + s.claimRows
                + " SUBMITTED requests a round in an OPD of their own; each consumer claims a batch and accepts all of it in one "
                + "POST /api/v1/queue/settlements (with an Idempotency-Key, answering ids, statuses and versions) until the queue is empty. "
                + "The baseline runs ClaimService's statement (FOR UPDATE SKIP LOCKED) and then, per item, the accept's statements, "
                + "each in its own transaction. "
                + "Every delivered id is counted.");
    }

    /** Puts {@code n} SUBMITTED requests in the claim OPD's queue, as filing would have. */
    private void fillClaimQueue(Bench bench, int n) throws Exception {
        try (Connection c = bench.db.connect(); PreparedStatement p = c.prepareStatement("""
                with ins as (
                    insert into service_request (id, tracking_code, kabupaten_code, kecamatan_code, desa_code, service_type_id,
                        service_type_version, opd_id, status, citizen_nik, citizen_name, answers, documents, filed_by, filed_at,
                        due_date, version, updated_at)
                    select nextval('service_request_seq'), 'C' || lpad(?::text, 3, '0') || '-' || lpad(g::text, 4, '0') || '-ZZ',
                           '73.24', substr(?, 1, 8), ?, st.id, st.version, ?, 'SUBMITTED', '7324044107900001', 'Warga Uji',
                           '{"nama_bayi": "Bayi", "tanggal_lahir": "2026-11-20", "jenis_kelamin": "LAKI_LAKI", "anak_ke": 1, "tempat_lahir": "Malili"}',
                           '[{"code": "SURAT_KETERANGAN_LAHIR", "provision": "ON_PAPER"}, {"code": "KK", "provision": "ON_PAPER"}]',
                           ?, now(), current_date + (g % 20), 0, now()
                      from generate_series(1, ?) g, service_type st
                     where st.id = ?
                    returning id, filed_at, opd_id, filed_by
                )
                insert into request_event (id, request_id, at, type, actor_kind, actor_id, actor_name, from_status, to_status,
                                           from_opd_id, to_opd_id, note)
                select nextval('request_event_seq'), id, filed_at, 'FILED', 'DESA_OFFICER', filed_by, 'bench-admin', null,
                       'SUBMITTED', null, opd_id, 'routed by RULE_SERVICE_DESA' from ins""")) {
            p.setInt(1, trackingSalt);
            p.setString(2, bench.accounts().listDesa());
            p.setString(3, bench.accounts().listDesa());
            p.setLong(4, bench.opds().claimOpd());
            p.setLong(5, bench.accounts().adminId());
            p.setInt(6, n);
            p.setLong(7, bench.accounts().serviceTypeId());
            p.executeUpdate();
        }
        trackingSalt++;
    }

    /** Consumers claim and settle each batch through the API until the queue stays empty twice; counts who got what. */
    private static Result drainViaApi(Bench bench, Map<Long, AtomicInteger> deliveries, AtomicInteger heldTwice) throws Exception {
        Settings s = bench.settings;
        Api api = bench.api;
        String token = bench.opds().claimToken();
        Map<Long, String> holder = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        List<Long> lat = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        bench.load.runWorkers(s.claimConsumers, worker -> {
            String name = "consumer-" + worker;
            int empty = 0;
            while (empty < 2) {
                HttpResponse<String> claim = api.post("/api/v1/queue/claims", token,
                        Map.of("limit", s.claimBatch, "leaseSeconds", 300, "consumer", name), Map.of());
                Api.expect(claim, 200);
                JsonNode body = Api.JSON.readTree(claim.body());
                JsonNode items = body.get("items");
                if (items.isEmpty()) {
                    empty++;
                    continue;
                }
                empty = 0;
                String claimId = body.get("claimId").asText();
                List<Map<String, Object>> settle = new ArrayList<>();
                for (JsonNode item : items) {
                    long id = item.get("id").asLong();
                    deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    if (holder.putIfAbsent(id, name) != null) {
                        heldTwice.incrementAndGet();
                    }
                    settle.add(Map.of("requestId", id, "action", "ACCEPT", "claimId", claimId));
                }
                long started = System.nanoTime();
                HttpResponse<String> settled = api.post("/api/v1/queue/settlements", token, Map.of("items", settle),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                Api.expect(settled, 200);
                lat.add(System.nanoTime() - started);
                JsonNode answer = Api.JSON.readTree(settled.body());
                if (answer.get("settled").asInt() != settle.size()) {
                    throw new IllegalStateException("a settlement of " + settle.size() + " accepted only " + answer.get("settled") + ": " + settled.body());
                }
                accepted.addAndGet(settle.size());
            }
        });
        return new Result(accepted.get(), System.nanoTime() - t0, lat.stream().mapToLong(Long::longValue).toArray());
    }
}
