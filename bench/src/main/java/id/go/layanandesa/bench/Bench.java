package id.go.layanandesa.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.go.layanandesa.bench.Numbers.seconds;

/**
 * What every figure measures with: the packaged service on a fresh data folder with its embedded
 * PostgreSQL, its HTTP API and its database, the accounts and reference data, the load machinery and the
 * log. It also brings the database to each stage's size, warming the service up before the first.
 */
public final class Bench {

    public static final String KAB = "73.24";

    public final Settings settings;
    public final Log log = new Log();
    public final Load load = new Load(log);
    public final Api api;
    public final Db db;

    private final int httpPort;
    private final int pgPort;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final BulkLoad bulk;
    private volatile ServiceProcess service;
    private Accounts accounts;
    private BenchOpds opds;
    private RegionImport regionImport;
    private Stage reached = Stage.FRESH;
    private boolean warmedUp;

    Bench(Settings settings) throws IOException {
        this.settings = settings;
        httpPort = freePort();
        pgPort = freePort();
        api = new Api(httpPort);
        db = new Db(pgPort, settings.data);
        bulk = new BulkLoad(db, log);
    }

    /** Starts the service on a fresh data folder and sets up accounts and reference data: the run's {@link Stage#FRESH}. */
    void start() throws Exception {
        deleteTree(settings.data);
        Files.createDirectories(settings.data);
        say("starting the service on a fresh data folder " + settings.data);
        service = ServiceProcess.start(settings.root, settings.data, httpPort, pgPort, settings.serviceOpts);
        // a failed run must not leave the service (and its PostgreSQL on this data folder) behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (service.alive()) {
                    service.stop();
                }
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }));
        facts.put("first start (fresh data folder: initdb, migrations, demo data)", seconds(service.readyNanos()));
        Tokens tokens = new Tokens(settings.data, db);
        Machine.facts(facts, db);
        accounts = Accounts.create(db, tokens, settings.filingConcurrency);
        regionImport = RegionImport.run(settings.wilayah, api, accounts.operatorToken(), log);
        opds = BenchOpds.create(db, tokens, accounts);
    }

    /** Brings the run to {@code stage}: the warm-up and the load to {@code bench.small}, then to {@code bench.large}. */
    void reach(Stage stage) throws Exception {
        if (stage.compareTo(Stage.SMALL) >= 0 && reached.compareTo(Stage.SMALL) < 0) {
            warmUp();
            grow(settings.small);
        }
        if (stage.compareTo(Stage.LARGE) >= 0 && reached.compareTo(Stage.LARGE) < 0) {
            grow(settings.large);
        }
        if (stage.compareTo(reached) > 0) {
            reached = stage;
        }
    }

    /** The service's JIT warmed up on every path measured, before the measured state is built. */
    private void warmUp() throws Exception {
        say("warming the service up: " + settings.warmup + " s of filing, then listings and polls");
        load.timed(settings.filingConcurrency, settings.warmup, this::fileViaApi);
        load.timed(settings.pollConcurrency, 3, w -> Api.expect(api.get("/api/v1/queue?limit=20", accounts.dukcapilToken(), null), 200));
        load.timed(settings.pollConcurrency, 3, w -> Api.expect(api.get("/api/v1/requests?limit=20", accounts.listDesaToken(), null), 200));
        warmedUp = true;
    }

    private void grow(int requests) throws Exception {
        bulk.load(bulk.loaded(), requests - (int) db.count("service_request"), accounts.adminId(), accounts.wakeDesa());
        say("loaded " + db.count("service_request") + " requests");
    }

    void stop() throws InterruptedException {
        service.stop();
    }

    public void say(String line) {
        log.say(line);
    }

    public Accounts accounts() {
        return accounts;
    }

    public BenchOpds opds() {
        return opds;
    }

    public ServiceProcess service() {
        return service;
    }

    /** Stops the service and starts it again on the same data folder and ports; answers the new process once it is ready. */
    public ServiceProcess restartService() throws Exception {
        return restartService(List.of(), Map.of());
    }

    /** The same, with these JVM options (settings such as {@code -Dlayanan.audit.record-reads=false}) after the run's own. */
    public ServiceProcess restartService(List<String> extraOpts) throws Exception {
        return restartService(extraOpts, Map.of());
    }

    /** The same, with these JVM options after the run's own and these environment variables added (e.g. LAYANAN_AOT_CACHE=off). */
    public ServiceProcess restartService(List<String> extraOpts, Map<String, String> env) throws Exception {
        service.stop();
        List<String> opts = new java.util.ArrayList<>(settings.serviceOpts);
        opts.addAll(extraOpts);
        service = ServiceProcess.start(settings.root, settings.data, httpPort, pgPort, opts, env);
        return service;
    }

    public RegionImport regionImport() {
        return regionImport;
    }

    Map<String, String> facts() {
        return facts;
    }

    List<String> bulkNotes() {
        return bulk.notes();
    }

    boolean warmedUp() {
        return warmedUp;
    }

    // ------------------------------------------------------------------------------------------ filing

    /** A birth certificate request (AKTA_KELAHIRAN) as filing client {@code worker}'s desa office sends it. */
    public Map<String, Object> filingBody(int worker) {
        List<String> desas = accounts.desas();
        String desa = desas.get(worker % desas.size());
        String nik = desa.substring(0, 8).replace(".", "") + "410790" + String.format("%04d", 1 + worker);
        return Map.of(
                "serviceTypeId", accounts.serviceTypeId(),
                "citizen", Map.of("nik", nik, "name", "Warga Uji " + worker),
                "answers", Map.of("nama_bayi", "Bayi", "tanggal_lahir", "2026-11-20", "jenis_kelamin", "LAKI_LAKI", "anak_ke", 1,
                        "tempat_lahir", "Malili"),
                "documents", List.of(Map.of("code", "SURAT_KETERANGAN_LAHIR", "provision", "ON_PAPER"),
                        Map.of("code", "KK", "provision", "ON_PAPER")));
    }

    /** One filing through the API, as a desa office's client sends it: with an Idempotency-Key. */
    public boolean fileViaApi(int worker) throws Exception {
        List<String> tokens = accounts.desaTokens();
        HttpResponse<String> r = api.post("/api/v1/requests", tokens.get(worker % tokens.size()), filingBody(worker),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("filing answered " + r.statusCode() + ": " + r.body());
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ files and ports

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
