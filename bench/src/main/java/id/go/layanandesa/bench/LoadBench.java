package id.go.layanandesa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The load generator behind bench/run.sh. It starts the packaged service against its embedded PostgreSQL
 * in a fresh data folder, loads reference data, measures every figure of docs/benchmarks.md against a
 * baseline taken in the same run (plain JDBC issuing the statements the service issues, at the same
 * concurrency, on the same database), and writes the report.
 *
 * <p>Settings (system properties, all optional):
 * bench.rounds (3), bench.warmup (40), bench.filing.seconds (6), bench.filing.warmup (5), bench.filing.concurrency (32),
 * bench.claim.rows (2000), bench.claim.consumers (4), bench.claim.batch (50), bench.list.requests (200),
 * bench.poll.seconds (4), bench.poll.concurrency (16), bench.wake.samples (20 per round), bench.small (10000),
 * bench.large (1000000), bench.restarts (3), bench.idle (130), bench.out (docs/benchmarks.md), bench.data (target/bench/data),
 * bench.wilayah (../shared/data/wilayah.csv).
 */
public class LoadBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String KAB = "73.24";
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final int FILING_SECONDS = Integer.getInteger("bench.filing.seconds", 6);
    static final int WARMUP = Integer.getInteger("bench.warmup", 40);
    static final int FILING_WARMUP = Integer.getInteger("bench.filing.warmup", 5);
    static final int FILING_CONCURRENCY = Integer.getInteger("bench.filing.concurrency", 32);
    static final int CLAIM_ROWS = Integer.getInteger("bench.claim.rows", 2000);
    static final int CLAIM_CONSUMERS = Integer.getInteger("bench.claim.consumers", 4);
    static final int CLAIM_BATCH = Integer.getInteger("bench.claim.batch", 50);
    static final int LIST_REQUESTS = Integer.getInteger("bench.list.requests", 200);
    static final int POLL_SECONDS = Integer.getInteger("bench.poll.seconds", 4);
    static final int POLL_CONCURRENCY = Integer.getInteger("bench.poll.concurrency", 16);
    static final int WAKE_SAMPLES = Integer.getInteger("bench.wake.samples", 20);
    static final int SMALL = Integer.getInteger("bench.small", 10_000);
    static final int LARGE = Integer.getInteger("bench.large", 1_000_000);
    static final int RESTARTS = Integer.getInteger("bench.restarts", 3);
    static final int IDLE = Integer.getInteger("bench.idle", 130);

    final Path root = Path.of("").toAbsolutePath();
    final Path out = root.resolve(System.getProperty("bench.out", "docs/benchmarks.md"));
    final Path data = root.resolve(System.getProperty("bench.data", "target/bench/data"));
    final Path wilayah = root.resolve(System.getProperty("bench.wilayah", "../shared/data/wilayah.csv")).normalize();
    final long benchStarted = System.nanoTime();

    int httpPort;
    int pgPort;
    String jdbcUrl;
    ServiceProcess service;
    PrivateKey key;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();

    // reference data and accounts
    long serviceTypeId;
    long adminId;
    String adminToken;
    final List<String> desas = new ArrayList<>();
    final List<String> desaTokens = new ArrayList<>();
    final List<Long> desaAccounts = new ArrayList<>();
    long dukcapilId;
    String dukcapilToken;
    long claimOpd;
    String claimToken;
    long wakeOpd;
    String wakeToken;
    String wakeDesa;
    String wakeDesaToken;
    String listDesaToken;
    String listDesa;

    final List<Row> rows = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final Map<String, String> facts = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        new LoadBench().run();
        System.exit(0);
    }

    void run() throws Exception {
        deleteTree(data);
        Files.createDirectories(data);
        httpPort = freePort();
        pgPort = freePort();
        jdbcUrl = "jdbc:postgresql://localhost:" + pgPort + "/postgres";

        say("starting the service on a fresh data folder " + data);
        service = ServiceProcess.start(root, data, httpPort, pgPort);
        // a failed run must not leave the service (and its PostgreSQL on this data folder) behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (service.process.isAlive()) {
                    service.stop();
                }
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }));
        facts.put("first start (fresh data folder: initdb, migrations, demo data)", ms(service.readyNanos));
        key = KeyUtils.decodePrivateKey(Files.readString(data.resolve("jwt/private.pem")));
        machineFacts();

        setupAccounts();
        importRegions();
        setupBenchOpds();

        // ---- warm-up of the service's JIT on every path measured, before the measured state is built
        say("warming the service up: " + WARMUP + " s of filing, then listings and polls");
        timed(FILING_CONCURRENCY, WARMUP, this::fileViaApi);
        timed(POLL_CONCURRENCY, 3, w -> expect(get("/api/v1/queue?limit=20", dukcapilToken, null), 200));
        timed(POLL_CONCURRENCY, 3, w -> expect(get("/api/v1/requests?limit=20", listDesaToken, null), 200));

        // ---- at SMALL requests
        bulkLoad(0, SMALL - (int) count("service_request"));
        say("loaded " + count("service_request") + " requests");
        // the filing figure last in this state: the other paths warm the shared code up further first
        Stats queue10 = listing("queue first page", "/api/v1/queue?limit=20", dukcapilToken);
        Stats desa10 = listing("desa list", "/api/v1/requests?limit=20", listDesaToken);
        pollVsList();
        claims();
        wakeUps();
        Stats filing10 = filingService("10k");
        Stats base10 = filingBaseline("10k");
        interleaveFiling(filing10, base10, "10k");

        // ---- at LARGE requests
        bulkLoad(bulkLoaded, LARGE - (int) count("service_request"));
        say("loaded " + count("service_request") + " requests");
        Stats filing1m = filingService("1M");
        Stats base1m = filingBaseline("1M");
        interleaveFiling(filing1m, base1m, "1M");
        Stats queue1m = listing("queue first page", "/api/v1/queue?limit=20", dukcapilToken);
        Stats desa1m = listing("desa list", "/api/v1/requests?limit=20", listDesaToken);

        addRatioRow("filing throughput via the API, concurrency " + FILING_CONCURRENCY + ", vs the JDBC baseline (10k requests)",
                "≥ 0.6× (aim 0.8×)", filing10, base10, 0.6);
        addRatioRow("filing throughput via the API vs the JDBC baseline (1M requests)", "≥ 0.6× (aim 0.8×)", filing1m, base1m, 0.6);
        double p50 = median(filing10.p50s), p99 = median(filing10.p99s);
        rows.add(new Row("filing latency p50 / p99 at that load (10k)", "report; p99 ≤ 10× p50",
                fmtMs(p50) + " / " + fmtMs(p99) + " (p99 = " + f1(p99 / p50) + "× p50; p50 rounds " + rangeMs(filing10.p50s)
                        + ", p99 rounds " + rangeMs(filing10.p99s) + ")", p99 <= 10 * p50));
        double fp50 = median(filing1m.p50s), fp99 = median(filing1m.p99s);
        rows.add(new Row("filing latency p50 / p99 at that load (1M)", "report; p99 ≤ 10× p50",
                fmtMs(fp50) + " / " + fmtMs(fp99) + " (p99 = " + f1(fp99 / fp50) + "× p50)", fp99 <= 10 * fp50));
        rows.add(claimRow);
        rows.add(duplicateRow);
        addLatencyScaleRow("queue first page p50, 1M vs 10k requests", queue1m, queue10);
        addLatencyScaleRow("desa list p50, 1M vs 10k requests", desa1m, desa10);
        double scale = median(filing1m.throughputs) / median(filing10.throughputs);
        rows.add(new Row("filing throughput with 1M requests vs with 10k", "≥ 0.9×",
                f2(scale) + "× (" + f0(median(filing1m.throughputs)) + " vs " + f0(median(filing10.throughputs))
                        + " filings/s; the JDBC baseline moved " + f2(median(base1m.throughputs) / median(base10.throughputs)) + "×)",
                scale >= 0.9));
        rows.add(pollRow);
        rows.add(wakeRow);
        rows.add(importRow);

        long busyKb = service.rssKb();
        say("service RSS right after the load: " + busyKb / 1024 + " MB; waiting " + IDLE + " s idle");
        Thread.sleep(IDLE * 1000L);
        long rssKb = service.rssKb();
        long pgRssKb = postgresRssKb();
        say("service RSS after " + IDLE + " s idle: " + rssKb / 1024 + " MB");
        rows.add(new Row("service RSS after the whole run, default settings", "≤ 400 MB",
                (rssKb / 1024) + " MB after " + IDLE + " s idle (JVM process; " + (busyKb / 1024) + " MB right after the last request, peak "
                        + (service.hwmKb() / 1024) + " MB; the embedded PostgreSQL's processes add " + (pgRssKb / 1024)
                        + " MB, shared memory counted once per process)", rssKb / 1024.0 <= 400));
        restarts();

        writeReport();
        service.stop();
        say("done in " + (System.nanoTime() - benchStarted) / 1_000_000_000 + " s; wrote " + out);
    }

    // ------------------------------------------------------------------------------------------ setup

    void machineFacts() throws Exception {
        facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> l.replaceAll("\\D+", "")).map(kb -> (Long.parseLong(kb) / 1024 / 1024) + " GiB").orElse("?");
        facts.put("memory", mem);
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        facts.put("cpu", cpu);
        facts.put("JDK", System.getProperty("java.vm.name") + " " + Runtime.version());
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            facts.put("PostgreSQL", rs.getString(1).replaceAll(" on .*", "") + " (embedded, started by the service)");
        }
        facts.put("service JVM options", "none (default settings): java -jar target/quarkus-app/quarkus-run.jar");
    }

    void setupAccounts() throws Exception {
        try (Connection c = jdbc()) {
            serviceTypeId = single(c, "select id from service_type where kabupaten_code = '73.24' and code = 'AKTA_KELAHIRAN'");
            dukcapilId = single(c, "select id from opd where kabupaten_code = '73.24' and code = 'DISDUKCAPIL'");
            adminId = account(c, "bench-admin", "ADMIN", null, null);
            adminToken = token(adminId, "bench-admin", "ADMIN", null, null);
            List<String> all = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select code from region where level = 4 and code like '73.24.%' order by code")) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
            wakeDesa = all.remove(all.size() - 1);
            for (int i = 0; i < FILING_CONCURRENCY; i++) {
                String desa = all.get((i * 7) % all.size());
                long id = account(c, "bench-desa-" + i, "DESA_OFFICER", desa, null);
                desas.add(desa);
                desaAccounts.add(id);
                desaTokens.add(token(id, "bench-desa-" + i, "DESA_OFFICER", desa, null));
            }
            listDesa = desas.get(0);
            listDesaToken = desaTokens.get(0);
            long dk = account(c, "bench-dukcapil", "OPD_OFFICER", null, dukcapilId);
            dukcapilToken = token(dk, "bench-dukcapil", "OPD_OFFICER", null, dukcapilId);
            long wd = account(c, "bench-wake-desa", "DESA_OFFICER", wakeDesa, null);
            wakeDesaToken = token(wd, "bench-wake-desa", "DESA_OFFICER", wakeDesa, null);
        }
    }

    void setupBenchOpds() throws Exception {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            claimOpd = opd(c, "BENCH_CLAIMS", null);
            wakeOpd = opd(c, "BENCH_WAKE", wakeDesa);
            long ca = account(c, "bench-claims", "OPD_OFFICER", null, claimOpd);
            claimToken = token(ca, "bench-claims", "OPD_OFFICER", null, claimOpd);
            long wa = account(c, "bench-wake", "OPD_OFFICER", null, wakeOpd);
            wakeToken = token(wa, "bench-wake", "OPD_OFFICER", null, wakeOpd);
        }
    }

    /** An OPD with its queue state; with a desa, AKTA_KELAHIRAN filed there is routed to it. */
    long opd(Connection c, String code, String desa) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("insert into opd (id, kabupaten_code, code, name, kind, active, triage, version, created_at, updated_at) "
                    + "values (nextval('opd_seq'), '73.24', '" + code + "', 'Bench " + code + "', 'DINAS', true, false, 0, now(), now())");
            long id = single(c, "select id from opd where code = '" + code + "'");
            s.execute("insert into opd_queue_state (opd_id, version, changed_at) values (" + id + ", 0, now())");
            if (desa != null) {
                s.execute("insert into routing_rule (id, kabupaten_code, service_type_id, region_code, opd_id, created_at) "
                        + "values (nextval('routing_rule_seq'), '73.24', " + serviceTypeId + ", '" + desa + "', " + id + ", now())");
            }
            return id;
        }
    }

    long account(Connection c, String username, String role, String desa, Long opd) throws Exception {
        try (PreparedStatement p = c.prepareStatement(
                "insert into account (id, kabupaten_code, username, display_name, password_hash, role, desa_code, opd_id, created_at, updated_at) "
                        + "values (nextval('account_seq'), '73.24', ?, ?, '!', ?, ?, ?, now(), now()) returning id")) {
            p.setString(1, username);
            p.setString(2, username);
            p.setString(3, role);
            p.setString(4, desa);
            if (opd == null) {
                p.setNull(5, java.sql.Types.BIGINT);
            } else {
                p.setLong(5, opd);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A token of a new login session of the account, as a login would give (a token stands only while its session does). */
    String token(long accountId, String username, String role, String desa, Long opd) throws Exception {
        String session = java.util.UUID.randomUUID().toString();
        try (Connection c = jdbc(); PreparedStatement p = c.prepareStatement(
                "insert into login_session (id, account_id, created_at, expires_at) values (cast(? as uuid), ?, now(), now() + interval '6 hours')")) {
            p.setString(1, session);
            p.setLong(2, accountId);
            p.executeUpdate();
        }
        var builder = Jwt.issuer("layanan-desa").subject(Long.toString(accountId)).upn(username).groups(Set.of(role))
                .claim("account", Long.toString(accountId)).claim("kabupaten", KAB).claim("sid", session)
                .expiresAt(Instant.now().plus(Duration.ofHours(6)));
        if (desa != null) {
            builder.claim("desa", desa);
        }
        if (opd != null) {
            builder.claim("opd", opd.toString());
        }
        return builder.sign(key);
    }

    Row importRow = new Row("national region import", "report; aim ≤ 10 s", "not run: " + "no region file", true);

    void importRegions() throws Exception {
        if (!Files.exists(wilayah)) {
            say("no national region file at " + wilayah + ": demo regions only");
            importRow = new Row("national region import", "report; aim ≤ 10 s", "not run: no " + wilayah.getFileName()
                    + " beside the project (demo regions only)", true);
            return;
        }
        byte[] csv = Files.readAllBytes(wilayah);
        long lines = new String(csv, StandardCharsets.UTF_8).lines().count() - 1;
        say("importing " + lines + " regions");
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/regions/import"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("import answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode report = JSON.readTree(r.body());
        String summary = report.properties().stream().filter(e -> e.getValue().isNumber())
                .map(e -> e.getKey() + " " + e.getValue().asText()).collect(Collectors.joining(", "));
        importRow = new Row("national region import (" + lines + " rows)", "report; aim ≤ 10 s",
                f1(took / 1e9) + " s, one POST /api/v1/regions/import (" + summary + ")", took / 1e9 <= 10);
        say("import took " + f1(took / 1e9) + " s: " + summary);
    }

    // ------------------------------------------------------------------------------------------ bulk load

    /**
     * Writes {@code n} requests as filing would (row and FILED event), ids from the sequences one nextval
     * per row. The requests are the ones filed in the last {@code LARGE} minutes, one a minute, oldest
     * first skipped: {@code from} counts how many of the newest already exist. Requests older than 30 days
     * are finished (90 % completed, 6 % rejected, 4 % cancelled); newer ones are open (70 % submitted,
     * 30 % in progress). Desa round-robin over Luwu Timur, service types round-robin over its catalog,
     * each routed to the service type's default OPD; due date = filing date + 7/5 of the limit in days.
     */
    void bulkLoad(int from, int n) throws Exception {
        if (n <= 0) {
            return;
        }
        say("bulk-loading " + n + " requests");
        long t0 = System.nanoTime();
        int chunk = 100_000;
        try (Connection c = jdbc()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table bench_desa as select code, (row_number() over (order by code)) - 1 as i "
                        + "from region where level = 4 and code like '73.24.%' and code <> '" + wakeDesa + "'");
                s.execute("create temporary table bench_type as select id, version, default_opd_id, time_limit_days, "
                        + "(row_number() over (order by id)) - 1 as i from service_type where kabupaten_code = '73.24'");
            }
            long desaCount = single(c, "select count(*) from bench_desa");
            long typeCount = single(c, "select count(*) from bench_type");
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
        bulkLoaded += n;
        say("bulk load took " + f1((System.nanoTime() - t0) / 1e9) + " s");
        bulkNotes.add(n + " requests in " + f1((System.nanoTime() - t0) / 1e9) + " s");
    }

    final List<String> bulkNotes = new ArrayList<>();
    int bulkLoaded;

    // ------------------------------------------------------------------------------------------ filing

    Map<String, Object> filingBody(int worker) {
        String desa = desas.get(worker % desas.size());
        String nik = desa.substring(0, 8).replace(".", "") + "410790" + String.format("%04d", 1 + worker);
        return Map.of(
                "serviceTypeId", serviceTypeId,
                "citizen", Map.of("nik", nik, "name", "Warga Uji " + worker),
                "answers", Map.of("nama_bayi", "Bayi", "tanggal_lahir", "2026-11-20", "jenis_kelamin", "LAKI_LAKI", "anak_ke", 1,
                        "tempat_lahir", "Malili"),
                "documents", List.of(Map.of("code", "SURAT_KETERANGAN_LAHIR", "provision", "ON_PAPER"),
                        Map.of("code", "KK", "provision", "ON_PAPER")));
    }

    /** One filing through the API, as a desa office's client sends it: with an Idempotency-Key. */
    boolean fileViaApi(int worker) throws Exception {
        HttpResponse<String> r = post("/api/v1/requests", desaTokens.get(worker % desaTokens.size()), filingBody(worker),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("filing answered " + r.statusCode() + ": " + r.body());
        }
        return true;
    }

    Stats filingService(String label) throws Exception {
        say("filing via the API (" + label + "): warm-up " + FILING_WARMUP + " s");
        timed(FILING_CONCURRENCY, FILING_WARMUP, this::fileViaApi);
        return new Stats();
    }

    Stats filingBaseline(String label) throws Exception {
        say("filing via plain JDBC (" + label + "): warm-up " + FILING_WARMUP / 2 + " s");
        try (JdbcFiler filer = new JdbcFiler(FILING_CONCURRENCY)) {
            timed(FILING_CONCURRENCY, Math.max(2, FILING_WARMUP / 2), filer::file);
        }
        return new Stats();
    }

    /** Measured rounds, service and baseline alternating so that both see the same background noise. */
    void interleaveFiling(Stats api, Stats base, String label) throws Exception {
        try (JdbcFiler filer = new JdbcFiler(FILING_CONCURRENCY)) {
            for (int round = 0; round < ROUNDS; round++) {
                Result a = timed(FILING_CONCURRENCY, FILING_SECONDS, this::fileViaApi);
                api.add(a);
                Result b = timed(FILING_CONCURRENCY, FILING_SECONDS, filer::file);
                base.add(b);
                say("  round " + (round + 1) + " (" + label + "): API " + f0(a.throughput()) + "/s (p50 " + fmtMs(a.p(50))
                        + ", p99 " + fmtMs(a.p(99)) + "), JDBC " + f0(b.throughput()) + "/s (p50 " + fmtMs(b.p(50)) + ")");
            }
        }
    }

    /**
     * The statements one filing issues (read from the SQL log of the service with
     * quarkus.hibernate-orm.log.sql=true), in the same order, one transaction per filing, one connection
     * per worker. Ids are taken in blocks of 50 as Hibernate's pooled optimizer does.
     */
    final class JdbcFiler implements AutoCloseable {
        final Connection[] connections;
        final IdBlocks requestIds = new IdBlocks("service_request_seq");
        final IdBlocks eventIds = new IdBlocks("request_event_seq");

        JdbcFiler(int n) throws Exception {
            connections = new Connection[n];
            for (int i = 0; i < n; i++) {
                connections[i] = jdbc();
                connections[i].setAutoCommit(false);
            }
        }

        boolean file(int worker) throws Exception {
            Connection c = connections[worker];
            String desa = desas.get(worker % desas.size());
            String kecamatan = desa.substring(0, 8);
            String principal = "account:" + desaAccounts.get(worker % desaAccounts.size());
            String idemKey = UUID.randomUUID().toString();
            Map<String, Object> body = filingBody(worker);
            byte[] json = JSON.writeValueAsBytes(body);
            String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
            Instant now = Instant.now();
            try {
                try (PreparedStatement p = c.prepareStatement("select pg_try_advisory_xact_lock(hashtext(?), hashtext(?))")) {
                    p.setString(1, principal);
                    p.setString(2, idemKey);
                    drain(p);
                }
                try (PreparedStatement p = c.prepareStatement("""
                        select request_hash, status, body, location from idempotency_record
                         where principal = ? and idem_key = ? and created_at > ?""")) {
                    p.setString(1, principal);
                    p.setString(2, idemKey);
                    p.setTimestamp(3, Timestamp.from(now.minus(Duration.ofHours(24))));
                    drain(p);
                }
                int limitDays;
                int typeVersion;
                try (PreparedStatement p = c.prepareStatement("""
                        select st1_0.id, st1_0.code, st1_0.created_at, st1_0.default_opd_id, st1_0.description, st1_0.documents,
                               st1_0.fee, st1_0.fields, st1_0.kabupaten_code, st1_0.name, st1_0.open, st1_0.product,
                               st1_0.time_limit_days, st1_0.updated_at, st1_0.version
                          from service_type st1_0 where st1_0.id = ?""")) {
                    p.setLong(1, serviceTypeId);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        rs.getString("documents");
                        rs.getString("fields");
                        limitDays = rs.getInt("time_limit_days");
                        typeVersion = rs.getInt("version");
                    }
                }
                try (PreparedStatement p = c.prepareStatement("""
                        select exists(select 1 from region where code = ?),
                               exists(select 1 from region where parent_code = ?)""")) {
                    p.setString(1, kecamatan);
                    p.setString(2, KAB);
                    drain(p);
                }
                long opdId;
                Long ruleId;
                try (PreparedStatement p = c.prepareStatement("""
                        select c.opd_id, c.rule_id, c.rank from (
                            select r.opd_id, r.id as rule_id,
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
                    p.setString(3, KAB);
                    p.setLong(4, serviceTypeId);
                    p.setString(5, desa);
                    p.setString(6, kecamatan);
                    p.setString(7, KAB);
                    p.setLong(8, serviceTypeId);
                    p.setString(9, KAB);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        opdId = rs.getLong(1);
                        long rule = rs.getLong(2);
                        ruleId = rs.wasNull() ? null : rule;
                    }
                }
                ZoneId zone = ZoneId.of("Asia/Makassar");
                LocalDate start = now.atZone(zone).toLocalDate();
                Set<LocalDate> holidays = new java.util.HashSet<>();
                try (PreparedStatement p = c.prepareStatement(
                        "select h1_0.day from holiday h1_0 where h1_0.kabupaten_code = ? and h1_0.day > ? and h1_0.day <= ?")) {
                    p.setString(1, KAB);
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
                String tracking = trackingCode();
                try (PreparedStatement p = c.prepareStatement("""
                        insert into service_request (answers, assigned_to, citizen_address, citizen_name, citizen_nik, citizen_phone,
                            claim_id, claimed_by, delivery_count, desa_code, document_number, documents, due_date, filed_at, filed_by,
                            finished_at, forward_count, info_requested_by, kabupaten_code, kecamatan_code, lease_until, needs_attention,
                            note, opd_id, result_note, routing_rule_id, service_type_id, service_type_version, status, tracking_code,
                            updated_at, version, id)
                        values (cast(? as jsonb), null, null, ?, ?, null, null, null, 0, ?, null, cast(? as jsonb), ?, ?, ?, null, 0, null,
                            ?, ?, null, false, null, ?, null, ?, ?, ?, 'SUBMITTED', ?, ?, 0, ?)""")) {
                    p.setString(1, JSON.writeValueAsString(body.get("answers")));
                    p.setString(2, "Warga Uji " + worker);
                    p.setString(3, (String) ((Map<?, ?>) body.get("citizen")).get("nik"));
                    p.setString(4, desa);
                    p.setString(5, JSON.writeValueAsString(body.get("documents")));
                    p.setDate(6, Date.valueOf(due));
                    p.setTimestamp(7, Timestamp.from(now));
                    p.setLong(8, desaAccounts.get(worker % desaAccounts.size()));
                    p.setString(9, KAB);
                    p.setString(10, kecamatan);
                    p.setLong(11, opdId);
                    if (ruleId == null) {
                        p.setNull(12, java.sql.Types.BIGINT);
                    } else {
                        p.setLong(12, ruleId);
                    }
                    p.setLong(13, serviceTypeId);
                    p.setInt(14, typeVersion);
                    p.setString(15, tracking);
                    p.setTimestamp(16, Timestamp.from(now));
                    p.setLong(17, id);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("""
                        insert into request_event (actor_id, actor_kind, actor_name, at, from_opd_id, from_status, note, request_id,
                            to_opd_id, to_status, type, id)
                        values (?, 'DESA_OFFICER', ?, ?, null, null, ?, ?, ?, 'SUBMITTED', 'FILED', ?)""")) {
                    p.setLong(1, desaAccounts.get(worker % desaAccounts.size()));
                    p.setString(2, "bench-desa-" + worker);
                    p.setTimestamp(3, Timestamp.from(now));
                    p.setString(4, "routed by " + (ruleId == null ? "SERVICE_DEFAULT" : "RULE_SERVICE_DESA"));
                    p.setLong(5, id);
                    p.setLong(6, opdId);
                    p.setLong(7, eventIds.next(c));
                    p.executeUpdate();
                }
                String opdCode;
                String opdName;
                try (PreparedStatement p = c.prepareStatement("""
                        select o1_0.id, o1_0.active, o1_0.address, o1_0.code, o1_0.created_at, o1_0.email, o1_0.kabupaten_code,
                               o1_0.kind, o1_0.name, o1_0.phone, o1_0.region_code, o1_0.triage, o1_0.updated_at, o1_0.version
                          from opd o1_0 where o1_0.id = ?""")) {
                    p.setLong(1, opdId);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        opdCode = rs.getString("code");
                        opdName = rs.getString("name");
                    }
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
                        insert into idempotency_record (principal, idem_key, request_hash, status, body, location, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (principal, idem_key) do update
                           set request_hash = excluded.request_hash, status = excluded.status, body = excluded.body,
                               location = excluded.location, created_at = excluded.created_at""")) {
                    p.setString(1, principal);
                    p.setString(2, idemKey);
                    p.setString(3, fingerprint);
                    p.setInt(4, 201);
                    p.setString(5, JSON.writeValueAsString(receipt));
                    p.setString(6, "/api/v1/requests/" + id);
                    p.setTimestamp(7, Timestamp.from(now));
                    p.executeUpdate();
                }
                signal(c, opdId);
                c.commit();
                return true;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    static void signal(Connection c, long opdId) throws Exception {
        try (PreparedStatement p = c.prepareStatement("""
                with bumped as (
                    update opd_queue_state set version = version + 1, changed_at = ?
                     where opd_id = ? returning opd_id)
                select pg_notify('layanan_queue', cast(opd_id as text)) from bumped""")) {
            p.setTimestamp(1, Timestamp.from(Instant.now()));
            p.setLong(2, opdId);
            drain(p);
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
                    long hi = single(c, "select nextval('" + sequence + "')");
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

    // ------------------------------------------------------------------------------------------ listings

    Stats listing(String what, String path, String token) throws Exception {
        say(what + ": " + LIST_REQUESTS + " sequential requests (at most 15 s) x " + ROUNDS + " rounds after a warm-up; "
                + count("service_request") + " requests in the database");
        Stats stats = new Stats();
        Result warm = sequential(LIST_REQUESTS / 2, 10, () -> get(path, token, null));
        for (int round = 0; round < ROUNDS; round++) {
            Result r = sequential(LIST_REQUESTS, 15, () -> get(path, token, null));
            stats.add(r);
        }
        say("  p50 per round " + stats.p50s.stream().map(LoadBench::fmtMs).collect(Collectors.joining(", ")) + " (warm-up p50 "
                + fmtMs(warm.p(50)) + ")");
        return stats;
    }

    /** {@code n} calls one after the other, or fewer when {@code maxSeconds} run out first. */
    Result sequential(int n, int maxSeconds, CheckedRunnable op) throws Exception {
        long[] lat = new long[n];
        long t0 = System.nanoTime();
        long end = t0 + maxSeconds * 1_000_000_000L;
        int done = 0;
        while (done < n && (done < 10 || System.nanoTime() < end)) {
            long s = System.nanoTime();
            op.run();
            lat[done++] = System.nanoTime() - s;
        }
        return new Result(done, System.nanoTime() - t0, java.util.Arrays.copyOf(lat, done));
    }

    void addLatencyScaleRow(String what, Stats large, Stats small) {
        double ratio = median(large.p50s) / median(small.p50s);
        rows.add(new Row(what, "≤ 1.5×", f2(ratio) + "× (" + fmtMs(median(large.p50s)) + " vs " + fmtMs(median(small.p50s))
                + "; rounds " + rangeMs(large.p50s) + " vs " + rangeMs(small.p50s) + ")", ratio <= 1.5));
    }

    Row pollRow;

    void pollVsList() throws Exception {
        String path = "/api/v1/queue?limit=20";
        HttpResponse<String> first = get(path, dukcapilToken, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        say("unchanged-queue poll (304) vs full first page, concurrency " + POLL_CONCURRENCY);
        timed(POLL_CONCURRENCY, 2, w -> expect(get(path, dukcapilToken, etag), 304));
        timed(POLL_CONCURRENCY, 2, w -> expect(get(path, dukcapilToken, null), 200));
        Stats polls = new Stats();
        Stats lists = new Stats();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Result p = timed(POLL_CONCURRENCY, POLL_SECONDS, w -> expect(get(path, dukcapilToken, etag), 304));
            Result l = timed(POLL_CONCURRENCY, POLL_SECONDS, w -> expect(get(path, dukcapilToken, null), 200));
            polls.add(p);
            lists.add(l);
            ratios.add(p.throughput() / l.throughput());
            say("  round " + (round + 1) + ": 304 " + f0(p.throughput()) + "/s, 200 " + f0(l.throughput()) + "/s");
        }
        double ratio = median(polls.throughputs) / median(lists.throughputs);
        pollRow = new Row("unchanged-queue poll (304) throughput vs full first-page listing (10k)", "≥ 5×",
                f2(ratio) + "× (" + f0(median(polls.throughputs)) + " vs " + f0(median(lists.throughputs)) + " req/s; round ratios "
                        + range(ratios, 2) + ")", ratio >= 5);
    }

    boolean expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r.statusCode() + ": " + r.body());
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ claims

    Row claimRow;
    Row duplicateRow;

    /** Puts {@code n} SUBMITTED requests in the claim OPD's queue, as filing would have. */
    void fillClaimQueue(int n) throws Exception {
        try (Connection c = jdbc(); PreparedStatement p = c.prepareStatement("""
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
            p.setString(2, listDesa);
            p.setString(3, listDesa);
            p.setLong(4, claimOpd);
            p.setLong(5, adminId);
            p.setInt(6, n);
            p.setLong(7, serviceTypeId);
            p.executeUpdate();
        }
        trackingSalt++;
    }

    int trackingSalt;

    void claims() throws Exception {
        say("claim+accept: " + CLAIM_CONSUMERS + " consumers, batches of " + CLAIM_BATCH + ", " + CLAIM_ROWS + " requests a round");
        Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicInteger heldTwice = new AtomicInteger();
        // warm-up
        fillClaimQueue(CLAIM_ROWS);
        drainViaApi(deliveries, heldTwice);
        fillClaimQueue(CLAIM_ROWS / 2);
        drainViaJdbc();
        List<Double> api = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        long delivered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            fillClaimQueue(CLAIM_ROWS);
            Result a = drainViaApi(deliveries, heldTwice);
            fillClaimQueue(CLAIM_ROWS);
            Result b = drainViaJdbc();
            api.add(a.throughput());
            base.add(b.throughput());
            delivered += a.count;
            say("  round " + (round + 1) + ": API " + f0(a.throughput()) + " accepted/s, JDBC " + f0(b.throughput()) + " accepted/s");
        }
        long duplicates = deliveries.values().stream().filter(n -> n.get() > 1).count();
        long left;
        try (Connection c = jdbc()) {
            left = single(c, "select count(*) from service_request where opd_id = " + claimOpd + " and status = 'SUBMITTED'");
        }
        double ratio = median(api) / median(base);
        claimRow = new Row("claim+accept throughput, " + CLAIM_CONSUMERS + " consumers, batches of " + CLAIM_BATCH
                + ", vs a plain SQL SKIP LOCKED baseline", "≥ 0.6×",
                f2(ratio) + "× (" + f0(median(api)) + " vs " + f0(median(base)) + " accepted/s; API rounds " + range(api, 0)
                        + ", JDBC rounds " + range(base, 0) + ")", ratio >= 0.6);
        duplicateRow = new Row("duplicates delivered during the claim run", "0 (counted)",
                duplicates + " requests delivered more than once, " + heldTwice.get() + " held by two consumers at once, out of "
                        + deliveries.size() + " delivered (all rounds incl. warm-up); " + left + " left unclaimed",
                duplicates == 0 && heldTwice.get() == 0);
    }

    Result drainViaApi(Map<Long, AtomicInteger> deliveries, AtomicInteger heldTwice) throws Exception {
        Map<Long, String> holder = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        List<Long> lat = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        runWorkers(CLAIM_CONSUMERS, worker -> {
            String name = "consumer-" + worker;
            int empty = 0;
            while (empty < 2) {
                HttpResponse<String> claim = post("/api/v1/queue/claims", claimToken,
                        Map.of("limit", CLAIM_BATCH, "leaseSeconds", 300, "consumer", name), Map.of());
                expect(claim, 200);
                JsonNode body = JSON.readTree(claim.body());
                JsonNode items = body.get("items");
                if (items.isEmpty()) {
                    empty++;
                    continue;
                }
                empty = 0;
                String claimId = body.get("claimId").asText();
                for (JsonNode item : items) {
                    long id = item.get("id").asLong();
                    deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    if (holder.putIfAbsent(id, name) != null) {
                        heldTwice.incrementAndGet();
                    }
                    long s = System.nanoTime();
                    expect(post("/api/v1/queue/requests/" + id + "/accept", claimToken, Map.of("claimId", claimId), Map.of()), 200);
                    lat.add(System.nanoTime() - s);
                    accepted.incrementAndGet();
                }
            }
        });
        return new Result(accepted.get(), System.nanoTime() - t0, lat.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * The same work in plain SQL: the service's claim statement (SKIP LOCKED) plus the reads its reply
     * needs, then per request the accept's statements (row lock, update, event, the reply's reads, queue
     * signal), each in its own transaction as the service does.
     */
    Result drainViaJdbc() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        long t0 = System.nanoTime();
        runWorkers(CLAIM_CONSUMERS, worker -> {
            try (Connection c = jdbc()) {
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
                        p.setInt(13, CLAIM_BATCH);
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
                        try (PreparedStatement p = c.prepareStatement("select * from service_request where id = ? for no key update")) {
                            p.setLong(1, id);
                            drain(p);
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
                        signal(c, claimOpd);
                        c.commit();
                        accepted.incrementAndGet();
                    }
                }
            }
        });
        return new Result(accepted.get(), System.nanoTime() - t0, new long[0]);
    }

    /** What the service reads to answer with request details: the rows (unless already read), their history, OPDs and service types. */
    void detailReads(Connection c, Long[] ids, boolean rows) throws Exception {
        java.sql.Array array = c.createArrayOf("bigint", ids);
        if (rows) {
            try (PreparedStatement p = c.prepareStatement("select * from service_request where id = any(?)")) {
                p.setArray(1, array);
                drain(p);
            }
        }
        try (PreparedStatement p = c.prepareStatement("select * from request_event where request_id = any(?) order by id")) {
            p.setArray(1, array);
            drain(p);
        }
        try (PreparedStatement p = c.prepareStatement("select * from opd where id = any(?)")) {
            p.setArray(1, c.createArrayOf("bigint", new Long[]{claimOpd}));
            drain(p);
        }
        try (PreparedStatement p = c.prepareStatement("select * from service_type where id = any(?)")) {
            p.setArray(1, c.createArrayOf("bigint", new Long[]{serviceTypeId}));
            drain(p);
        }
    }

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

    // ------------------------------------------------------------------------------------------ long-poll wake-up

    Row wakeRow;

    void wakeUps() throws Exception {
        say("long-poll wake-up: " + ROUNDS + " rounds of " + WAKE_SAMPLES + " filings to a waiting consumer");
        List<Double> all = new ArrayList<>();
        List<Double> roundP50 = new ArrayList<>();
        wakeRound(5);
        for (int round = 0; round < ROUNDS; round++) {
            List<Double> samples = wakeRound(WAKE_SAMPLES);
            all.addAll(samples);
            roundP50.add(percentile(samples, 50));
        }
        double p50 = percentile(all, 50);
        double p99 = percentile(all, 99);
        wakeRow = new Row("long-poll wake-up: filing's 201 → waiting consumer has it, p50 / p99", "≤ 50 ms / ≤ 250 ms",
                f1(p50) + " ms / " + f1(p99) + " ms (" + all.size() + " samples; round p50s " + range(roundP50, 1) + " ms)",
                p50 <= 50 && p99 <= 250);
        say("  wake-up p50 " + f1(p50) + " ms, p99 " + f1(p99) + " ms");
    }

    /** Each sample: a consumer waits on the empty queue; a desa files; time from the 201 to the consumer's answer. */
    List<Double> wakeRound(int n) throws Exception {
        List<Double> samples = new ArrayList<>();
        ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < n; i++) {
                Future<Long> consumer = exec.submit(() -> {
                    HttpResponse<String> r = post("/api/v1/queue/claims", wakeToken,
                            Map.of("limit", 1, "leaseSeconds", 60, "waitSeconds", 20), Map.of());
                    long got = System.nanoTime();
                    expect(r, 200);
                    JsonNode items = JSON.readTree(r.body()).get("items");
                    if (items.isEmpty()) {
                        throw new IllegalStateException("the waiting claim came back empty");
                    }
                    String claimId = JSON.readTree(r.body()).get("claimId").asText();
                    expect(post("/api/v1/queue/requests/" + items.get(0).get("id").asLong() + "/accept", wakeToken,
                            Map.of("claimId", claimId), Map.of()), 200);
                    return got;
                });
                Thread.sleep(300); // the claim is waiting by now
                HttpResponse<String> filed = post("/api/v1/requests", wakeDesaToken, filingBody(0), Map.of());
                long created = System.nanoTime();
                expect(filed, 201);
                long got = consumer.get(30, TimeUnit.SECONDS);
                samples.add((got - created) / 1e6);
            }
        } finally {
            exec.shutdown();
        }
        return samples;
    }

    // ------------------------------------------------------------------------------------------ restarts

    void restarts() throws Exception {
        List<Double> ready = new ArrayList<>();
        List<Double> quarkus = new ArrayList<>();
        for (int i = 0; i < RESTARTS; i++) {
            service.stop();
            service = ServiceProcess.start(root, data, httpPort, pgPort);
            ready.add(service.readyNanos / 1e9);
            quarkus.add(service.quarkusStartedSeconds());
            say("  restart " + (i + 1) + ": ready in " + f2(service.readyNanos / 1e9) + " s (Quarkus says started in "
                    + f2(quarkus.get(quarkus.size() - 1)) + " s)");
        }
        double median = median(ready);
        rows.add(new Row("start to ready on an existing data folder (service only)", "report; aim ≤ 3 s",
                f2(median) + " s from process start to /q/health/ready 200, embedded PostgreSQL start included (runs "
                        + range(ready, 2) + " s; Quarkus alone reports " + f2(median(quarkus)) + " s)", median <= 3));
    }

    // ------------------------------------------------------------------------------------------ report

    void writeReport() throws Exception {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmarks\n\n");
        s.append("Produced by `bench/run.sh` on ").append(ZonedDateTime.now(ZoneId.of("UTC")).format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(" (whole run ").append((System.nanoTime() - benchStarted) / 60_000_000_000L).append(" min). ")
                .append("Every throughput figure is a ratio against a baseline measured in the same run, on the same database, ")
                .append("at the same concurrency: the machine is shared and noisy, so absolute numbers move between runs; the ratios much less.\n\n");
        s.append("## Machine\n\n| | |\n|---|---|\n");
        facts.forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        s.append("\n## Settings\n\n");
        s.append("- Warm-up: the service first runs ").append(WARMUP).append(" s of filing and a few seconds of each listing (its JIT is cold ")
                .append("after start; on 2 shared cores C2 takes a while), then each figure has its own warm-up.\n");
        s.append("- Rounds: a warm-up, then ").append(ROUNDS).append(" measured rounds per figure; each figure is the median of the rounds, with the rounds' min–max.\n");
        s.append("- Filing: ").append(FILING_CONCURRENCY).append(" concurrent clients (virtual threads, java.net.http, HTTP/1.1), one desa officer each over ")
                .append(FILING_CONCURRENCY).append(" desa of Luwu Timur, AKTA_KELAHIRAN with an Idempotency-Key; warm-up ")
                .append(FILING_WARMUP).append(" s, rounds of ").append(FILING_SECONDS)
                .append(" s, API and JDBC rounds alternating. The JDBC baseline runs the statements one filing issues (taken from the service's SQL log), ")
                .append("in one transaction, one connection per client (")
                .append(FILING_CONCURRENCY).append(", the service's pool size), ids in blocks of 50 like Hibernate's pooled optimizer.\n");
        s.append("- Claims: ").append(CLAIM_CONSUMERS).append(" consumers, batches of ").append(CLAIM_BATCH).append(", ").append(CLAIM_ROWS)
                .append(" SUBMITTED requests a round in an OPD of their own; each consumer claims and accepts every item until the queue is empty. ")
                .append("The baseline runs ClaimService's statement (FOR UPDATE SKIP LOCKED) and then, per item, the accept's statements, each in its own transaction. ")
                .append("Every delivered id is counted.\n");
        s.append("- Listings: ").append(LIST_REQUESTS).append(" sequential GETs per round (first page, limit 20): the queue as a Disdukcapil officer, ")
                .append("the desa list as a desa officer. 304 vs 200: ").append(POLL_CONCURRENCY).append(" concurrent clients, rounds of ")
                .append(POLL_SECONDS).append(" s.\n");
        s.append("- Long-poll: a consumer waits (waitSeconds 20) on its OPD's empty queue; 300 ms later a desa files a request routed there; ")
                .append("the figure is the time from the filer receiving 201 to the consumer receiving the claim. ")
                .append(WAKE_SAMPLES).append(" samples a round.\n");
        s.append("- Data: the national region list imported through the API; the Luwu Timur demo data; requests bulk-loaded with ")
                .append("`INSERT … SELECT generate_series` in chunks of 100,000 in one statement each that writes the request row and its FILED event ")
                .append("(ids by nextval() per row, so the service's pooled id blocks never overlap). One request a minute going back from now: ")
                .append("the newest 30 days are open (70 % SUBMITTED, 30 % IN_PROGRESS), older ones finished (90 % COMPLETED, 6 % REJECTED, 4 % CANCELLED); ")
                .append("desa round-robin over Luwu Timur, service types round-robin over its catalog, each routed to the type's default OPD. ")
                .append("The 10k state is the warm-up's filings plus the newest bulk rows up to 10,000 (all open, a young deployment; the measured ")
                .append("filing rounds add some thousands more, the listings say how many were there); the 1M state adds 990,000 older ones (history grows, ")
                .append("the open work stays about the same). `VACUUM ANALYZE` after each load. Loads: ")
                .append(String.join("; ", bulkNotes)).append(".\n");
        s.append("- Service: `java -jar target/quarkus-app/quarkus-run.jar` with no JVM options, on a fresh data folder with its embedded PostgreSQL.\n\n");
        s.append("## Figures\n\n| figure | target | measured | met? |\n|---|---|---|---|\n");
        for (Row r : rows) {
            s.append("| ").append(r.figure).append(" | ").append(r.target).append(" | ").append(r.measured).append(" | ")
                    .append(r.met ? "yes" : "**no**").append(" |\n");
        }
        s.append("\n## Log\n\n```\n").append(String.join("\n", log)).append("\n```\n");
        Path notes = root.resolve("bench/notes.md");
        if (Files.exists(notes)) {
            s.append("\n").append(Files.readString(notes));
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, s.toString());
    }

    record Row(String figure, String target, String measured, boolean met) {
    }

    // ------------------------------------------------------------------------------------------ load machinery

    interface Op {
        boolean run(int worker) throws Exception;
    }

    interface CheckedRunnable {
        Object run() throws Exception;
    }

    interface Worker {
        void run(int worker) throws Exception;
    }

    record Result(long count, long nanos, long[] latencies) {
        double throughput() {
            return count / (nanos / 1e9);
        }

        double p(double pct) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latencies.clone();
            java.util.Arrays.sort(sorted);
            int i = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    static final class Stats {
        final List<Double> throughputs = new ArrayList<>();
        final List<Double> p50s = new ArrayList<>();
        final List<Double> p99s = new ArrayList<>();

        void add(Result r) {
            throughputs.add(r.throughput());
            p50s.add(r.p(50));
            p99s.add(r.p(99));
        }
    }

    /** {@code concurrency} workers run {@code op} in a loop for {@code seconds}; counts what finished in time. */
    Result timed(int concurrency, int seconds, Op op) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<long[]> perWorker = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            threads.add(Thread.ofVirtual().start(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (!stop.get()) {
                    long s = System.nanoTime();
                    try {
                        op.run(worker);
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                        if (errors.size() < 5) {
                            errors.add(e);
                        }
                        continue;
                    }
                    long f = System.nanoTime();
                    if (f > end) {
                        break;
                    }
                    if (n == lat.length) {
                        lat = java.util.Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = f - s;
                    done.incrementAndGet();
                }
                perWorker.add(java.util.Arrays.copyOf(lat, n));
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            errors.forEach(e -> say("  error: " + e));
            if (failures.get() > done.get() / 100) {
                throw new IllegalStateException(failures.get() + " operations failed", errors.get(0));
            }
        }
        long[] all = perWorker.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        return new Result(done.get(), seconds * 1_000_000_000L, all);
    }

    void runWorkers(int n, Worker worker) throws Exception {
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int w = i;
                futures.add(exec.submit(() -> {
                    worker.run(w);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ HTTP and JDBC

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    HttpResponse<String> post(String path, String token, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).GET();
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 304) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    Connection jdbc() throws Exception {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    long count(String table) throws Exception {
        try (Connection c = jdbc()) {
            return single(c, "select count(*) from " + table);
        }
    }

    /** The postmaster (pg_ctl detaches it from the service) and its backends. */
    long postgresRssKb() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).strip());
            long total = rssOf(postmaster);
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (statusField(pid, "PPid:") == postmaster) {
                        total += rssOf(pid);
                    }
                }
            }
            return total;
        } catch (Exception e) {
            return -1;
        }
    }

    static long rssOf(long pid) {
        return statusField(pid, "VmRSS:");
    }

    static long statusField(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D+", ""))).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    static long single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void drain(PreparedStatement p) throws Exception {
        try (ResultSet rs = p.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    rs.getObject(i);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the service process

    static final class ServiceProcess {
        final Process process;
        final Path log;
        long readyNanos;

        ServiceProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static ServiceProcess start(Path root, Path data, int httpPort, int pgPort) throws Exception {
            Path log = root.resolve("target/bench/service.log");
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Dquarkus.http.port=" + httpPort);
            command.add("-Dlayanan.data-dir=" + data);
            String extra = System.getProperty("bench.service.opts", "");
            for (String o : extra.split(" ")) {
                if (!o.isBlank()) {
                    command.add(o);
                }
            }
            command.add("-jar");
            command.add(root.resolve("target/quarkus-app/quarkus-run.jar").toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.directory(data.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("LAYANAN_"));
            // read by the launcher only (not a Quarkus setting): the embedded PostgreSQL's port, for the JDBC baseline
            builder.environment().put("LAYANAN_EMBEDDED_DB_PORT", Integer.toString(pgPort));
            long t0 = System.nanoTime();
            ServiceProcess s = new ServiceProcess(builder.start(), log);
            s.logOffset = Files.size(log);
            s.awaitReady(httpPort, t0);
            return s;
        }

        long logOffset;

        void awaitReady(int port, long t0) throws Exception {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = t0 + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        readyNanos = System.nanoTime() - t0;
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the service was not ready in 3 minutes; see " + log);
        }

        double quarkusStartedSeconds() {
            try {
                String text = Files.readString(log);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("started in ([0-9.]+)s").matcher(text);
                double last = Double.NaN;
                while (m.find()) {
                    last = Double.parseDouble(m.group(1));
                }
                return last;
            } catch (IOException e) {
                return Double.NaN;
            }
        }

        long rssKb() {
            return rssOf(process.pid());
        }

        long hwmKb() {
            return statusField(process.pid(), "VmHWM:");
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            // the embedded PostgreSQL is stopped by the service's shutdown hook
        }
    }

    // ------------------------------------------------------------------------------------------ numbers

    void addRatioRow(String figure, String target, Stats api, Stats base, double threshold) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < api.throughputs.size(); i++) {
            ratios.add(api.throughputs.get(i) / base.throughputs.get(i));
        }
        double ratio = median(api.throughputs) / median(base.throughputs);
        rows.add(new Row(figure, target, f2(ratio) + "× (" + f0(median(api.throughputs)) + " vs " + f0(median(base.throughputs))
                + " filings/s; API rounds " + range(api.throughputs, 0) + ", JDBC rounds " + range(base.throughputs, 0)
                + ", round ratios " + range(ratios, 2) + ")", ratio >= threshold));
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    static double percentile(List<Double> values, double pct) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        if (pct == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int i = (int) Math.ceil(pct / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String range(List<Double> values, int decimals) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + "–" + f, min, max);
    }

    static String rangeMs(List<Double> values) {
        return range(values, 1) + " ms";
    }

    static String fmtMs(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    void say(String line) {
        String stamped = String.format(Locale.ROOT, "[%5.0f s] %s", (System.nanoTime() - benchStarted) / 1e9, line);
        System.out.println(stamped);
        synchronized (log) {
            log.add(stamped);
        }
    }
}
