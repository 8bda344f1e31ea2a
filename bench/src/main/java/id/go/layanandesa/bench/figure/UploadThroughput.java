package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Api;
import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.ServiceProcess;
import id.go.layanandesa.bench.Settings;
import id.go.layanandesa.bench.Stage;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static id.go.layanandesa.bench.Numbers.f0;
import static id.go.layanandesa.bench.Numbers.f1;
import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;

/**
 * Scans in: 1 MB files attached one after another through the API (multipart, what a desa's browser sends) against
 * writing the same bytes to the same disk directly as the file store does (write, fsync, rename, fsync of the folder),
 * in alternating rounds of the same run; and the service's resident memory before and at its peak while 20 clients
 * upload 5 MB each at once, one-shot and resumable, which must not grow by the files' size.
 */
final class UploadThroughput implements Figure {

    static final int SCAN = 1024 * 1024;
    static final int LARGE = 5_000_000;
    static final int CONCURRENT = 20;
    /** Desa offices uploading at once in the second throughput comparison. */
    static final int PARALLEL = 4;
    private static final String BOUNDARY = "bench-boundary-Q3v8LmZ1";

    private final AtomicLong seed = new AtomicLong(20261129);
    /** How long each filing of the requests the files go to took, for comparison with an upload's fixed cost. */
    private final List<Double> filings = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
        return "uploads";
    }

    @Override
    public String title() {
        return "1 MB scans attached through the API vs written+fsynced+renamed on the same disk (≥ 0.5×); service RSS during 20 concurrent 5 MB uploads";
    }

    @Override
    public List<String> settings(Settings s) {
        return List.of("uploads: " + scans(s) + " distinct 1 MB JPEG scans per round, each POSTed as multipart/form-data "
                + "with an Idempotency-Key of its own (as the web client sends it) to /api/v1/requests/{id}/documents/KK/files "
                + "by the desa's officer (a request per 20 files, filed before the clock "
                + "starts), against the same bytes written by the load generator into the data folder (same disk) as the file store "
                + "must at least write them: to a temporary file, FileChannel.force (data), atomic rename into a folder of 256, force "
                + "of that folder; " + s.rounds + " rounds of each, alternating and taking turns at going first, after a warm-up round, "
                + "with one client and with " + PARALLEL + " at once (each side split "
                + "over " + PARALLEL + " threads); and " + s.rounds + " rounds of " + scans(s) + " 1 KB files through the API, for what an upload costs "
                + "whatever its size, with PostgreSQL's commit and row counters around them. RSS: VmRSS of the service's process from /proc, "
                + "read every 5 ms while " + CONCURRENT
                + " clients send a " + LARGE + "-byte file each at once (one-shot multipart; then tus, creation and one PATCH each), "
                + "against VmRSS just before.");
    }

    private static int scans(Settings s) {
        return s.smoke ? 5 : 40;
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        Settings s = bench.settings;
        int scans = scans(s);
        Path direct = s.data.resolve("bench-direct");
        Files.createDirectories(direct.resolve("tmp"));
        Files.createDirectories(direct.resolve("blobs"));

        bench.say("uploads: warm-up round of " + scans + " 1 MB scans through the API and written directly");
        apiRound(bench, scans, SCAN, 1);
        directRound(direct, scans, 1);
        apiRound(bench, scans, SCAN, PARALLEL);
        java.time.Duration cpuBefore = bench.service().cpu();
        Ratio one = ratio(bench, direct, scans, 1);
        double cpuPerScan = bench.service().cpu().minus(cpuBefore).toNanos() / 1e6 / (s.rounds * scans);
        Ratio four = ratio(bench, direct, scans, PARALLEL);
        // what an upload costs whatever its size: the same calls with 1 KB files
        List<Double> small = new ArrayList<>();
        long[] before = databaseWork(bench);
        java.time.Duration cpuSmall = bench.service().cpu();
        for (int round = 0; round < s.rounds; round++) {
            double mbPerSecond = apiRound(bench, scans, 1024, 1);
            small.add(1000 / (mbPerSecond * 1024));
        }
        int smallUploads = s.rounds * scans;
        double cpuPerSmall = bench.service().cpu().minus(cpuSmall).toNanos() / 1e6 / smallUploads;
        long[] after = databaseWork(bench);
        String perUpload = f1((after[0] - before[0]) / (double) smallUploads) + " commits and " + f1((after[1] - before[1]) / (double) smallUploads)
                + " rows written per upload (PostgreSQL's counters over the 1 KB rounds, their filings and whatever ran meanwhile included)";
        perUpload = "service CPU per 1 MB scan " + f1(cpuPerScan) + " ms, per 1 KB file " + f1(cpuPerSmall) + " ms; " + perUpload;
        bench.say("  1 KB files through the API: " + f1(median(small)) + " ms each; " + perUpload);

        bench.say("uploads: " + CONCURRENT + " concurrent " + LARGE + "-byte uploads, one-shot, then resumable");
        Memory multipart = concurrent(bench, this::multipartUpload);
        Memory tus = concurrent(bench, this::tusUpload);
        bench.say("  multipart: RSS " + multipart.beforeKb / 1024 + " MB before, peak " + multipart.peakKb / 1024 + " MB, "
                + f1(multipart.seconds) + " s");
        bench.say("  tus: RSS " + tus.beforeKb / 1024 + " MB before, peak " + tus.peakKb / 1024 + " MB, " + f1(tus.seconds) + " s");
        deleteTree(direct);

        double files = CONCURRENT * (double) LARGE / (1024 * 1024);
        double perScan = 1000 / median(one.api);
        return List.of(
                new Row("1 MB scans attached through the API vs the same bytes written+fsynced+renamed directly, one client", "≥ 0.5×",
                        one.describe() + "; " + f0(perScan) + " ms per scan through the API, of which a 1 KB file's upload takes "
                                + f1(median(small)) + " ms (a filing, JSON, takes " + f1(median(filings)) + " ms); " + perUpload, one.median() >= 0.5),
                new Row("the same, " + PARALLEL + " clients at once (both sides)", "≥ 0.5×", four.describe(), four.median() >= 0.5),
                new Row("service RSS during " + CONCURRENT + " concurrent " + LARGE / 1_000_000 + " MB uploads (" + f0(files) + " MB of files)",
                        "growth < the files' size", "multipart: " + multipart.beforeKb / 1024 + " MB before → peak " + multipart.peakKb / 1024
                        + " MB (+" + (multipart.peakKb - multipart.beforeKb) / 1024 + " MB, " + f1(multipart.seconds) + " s for all); tus: "
                        + tus.beforeKb / 1024 + " MB → " + tus.peakKb / 1024 + " MB (+" + (tus.peakKb - tus.beforeKb) / 1024 + " MB, "
                        + f1(tus.seconds) + " s)", Math.max(multipart.peakKb - multipart.beforeKb, tus.peakKb - tus.beforeKb) / 1024.0 < files));
    }

    // ------------------------------------------------------------------ throughput

    /** Rounds of the API and the direct writes, alternating, at one concurrency. */
    private record Ratio(List<Double> api, List<Double> disk, List<Double> ratios) {

        double median() {
            return id.go.layanandesa.bench.Numbers.median(ratios);
        }

        String describe() {
            return f2(median()) + "× median of rounds (" + range(ratios, 2) + "×): API " + f1(id.go.layanandesa.bench.Numbers.median(api))
                    + " MB/s (" + range(api, 1) + "), direct " + f1(id.go.layanandesa.bench.Numbers.median(disk)) + " MB/s (" + range(disk, 1) + ")";
        }
    }

    private Ratio ratio(Bench bench, Path direct, int scans, int clients) throws Exception {
        List<Double> api = new ArrayList<>();
        List<Double> disk = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < bench.settings.rounds; round++) {
            // which side goes first alternates, so that neither always meets the disk after the other's writes
            double a;
            double d;
            if (round % 2 == 0) {
                a = apiRound(bench, scans, SCAN, clients);
                d = directRound(direct, scans, clients);
            } else {
                d = directRound(direct, scans, clients);
                a = apiRound(bench, scans, SCAN, clients);
            }
            api.add(a);
            disk.add(d);
            ratios.add(a / d);
            bench.say("  " + clients + " client(s), round " + (round + 1) + ": API " + f1(a) + " MB/s, direct " + f1(d) + " MB/s ("
                    + f2(a / d) + "×)");
        }
        return new Ratio(api, disk, ratios);
    }

    /** {@code count} distinct files of {@code size} bytes attached by {@code clients} desa officers, each one after another; MB/s. */
    private double apiRound(Bench bench, int count, int size, int clients) throws Exception {
        int each = count / clients;
        List<List<byte[]>> files = new ArrayList<>();
        List<List<Long>> requests = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<byte[]> mine = new ArrayList<>();
            List<Long> theirs = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                mine.add(jpeg(size));
                if (i % 20 == 0) {
                    theirs.add(fileRequest(bench, c));
                }
            }
            files.add(mine);
            requests.add(theirs);
        }
        long took = parallel(clients, c -> {
            String token = bench.accounts().desaTokens().get(c);
            for (int i = 0; i < each; i++) {
                Api.expect(bench.api.send(multipart(bench, requests.get(c).get(i / 20), token, files.get(c).get(i))), 201);
            }
        });
        return mbPerSecond(each * clients, size, took);
    }

    /** The same amount written by {@code clients} threads as the file store writes: temporary file, force, atomic rename, force of the folder; MB/s. */
    private double directRound(Path root, int count, int clients) throws Exception {
        int each = count / clients;
        List<List<byte[]>> files = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<byte[]> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                mine.add(jpeg(SCAN));
            }
            files.add(mine);
        }
        long took = parallel(clients, c -> {
            for (byte[] bytes : files.get(c)) {
                write(root, bytes);
            }
        });
        return mbPerSecond(each * clients, SCAN, took);
    }

    private interface Client {
        void run(int client) throws Exception;
    }

    /** Runs {@code clients} clients at once; the nanoseconds until the last one is done. */
    private static long parallel(int clients, Client client) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int me = c;
                running.add(pool.submit(() -> {
                    client.run(me);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return System.nanoTime() - t0;
        }
    }

    private static void write(Path root, byte[] bytes) throws Exception {
        {
            Path part = root.resolve("tmp").resolve(UUID.randomUUID() + ".part");
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                // what the store forces: the data and the length, not the times
                out.force(false);
            }
            String name = UUID.randomUUID().toString();
            Path folder = root.resolve("blobs").resolve(name.substring(0, 2));
            Files.createDirectories(folder);
            Path target = folder.resolve(name);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel names = FileChannel.open(folder, StandardOpenOption.READ)) {
                names.force(true);
            }
        }
    }

    /**
     * Transactions committed and rows inserted, updated or deleted in the service's database so far, once the counters
     * of idle connections have reached the statistics (PostgreSQL flushes them at the latest 10 s after a session idles).
     */
    private static long[] databaseWork(Bench bench) throws Exception {
        Thread.sleep(11_000);
        try (var c = bench.db.connect()) {
            return new long[]{id.go.layanandesa.bench.Db.single(c, "select xact_commit from pg_stat_database where datname = current_database()"),
                    id.go.layanandesa.bench.Db.single(c, "select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) from pg_stat_user_tables")};
        }
    }

    private static double mbPerSecond(int files, int size, long nanos) {
        return files * (double) size / (1024 * 1024) / (nanos / 1e9);
    }

    // ------------------------------------------------------------------ memory

    private record Memory(long beforeKb, long peakKb, double seconds) {
    }

    private interface Upload {
        void send(Bench bench, int worker, long request, byte[] bytes) throws Exception;
    }

    /** {@link #CONCURRENT} clients, each with a request of its own, send a {@link #LARGE}-byte file at once; RSS sampled meanwhile. */
    private Memory concurrent(Bench bench, Upload upload) throws Exception {
        List<Long> requests = new ArrayList<>();
        List<byte[]> files = new ArrayList<>();
        for (int w = 0; w < CONCURRENT; w++) {
            requests.add(fileRequest(bench, w));
            files.add(jpeg(LARGE));
        }
        ServiceProcess service = bench.service();
        long before = service.rssKb();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(service.rssKb(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t0 = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int w = 0; w < CONCURRENT; w++) {
                int worker = w;
                sent.add(clients.submit(() -> {
                    upload.send(bench, worker, requests.get(worker), files.get(worker));
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        peak.accumulateAndGet(service.rssKb(), Math::max);
        return new Memory(before, peak.get(), seconds);
    }

    private void multipartUpload(Bench bench, int worker, long request, byte[] bytes) throws Exception {
        Api.expect(bench.api.send(multipart(bench, request, bench.accounts().desaTokens().get(worker), bytes)), 201);
    }

    private void tusUpload(Bench bench, int worker, long request, byte[] bytes) throws Exception {
        String token = bench.accounts().desaTokens().get(worker);
        HttpResponse<String> created = bench.api.send(HttpRequest.newBuilder(bench.api.uri("/api/v1/requests/" + request + "/documents/KK/uploads"))
                .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(bytes.length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("kk.jpg".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.noBody()).build());
        Api.expect(created, 201);
        String upload = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        HttpResponse<String> patched = bench.api.send(HttpRequest.newBuilder(bench.api.uri(upload)).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .timeout(Duration.ofSeconds(300)).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        Api.expect(patched, 204);
        if (!patched.headers().firstValue("Upload-Offset").orElse("").equals(Integer.toString(bytes.length))) {
            throw new IllegalStateException("the upload stands at " + patched.headers().firstValue("Upload-Offset").orElse("?"));
        }
    }

    // ------------------------------------------------------------------ requests and files

    /** A birth registration of worker {@code worker}'s desa declaring KK as ATTACHED: its id. */
    private long fileRequest(Bench bench, int worker) throws Exception {
        long t0 = System.nanoTime();
        Map<String, Object> body = new java.util.HashMap<>(bench.filingBody(worker));
        body.put("documents", List.of(Map.of("code", "SURAT_KETERANGAN_LAHIR", "provision", "ON_PAPER"),
                Map.of("code", "KK", "provision", "ATTACHED")));
        HttpResponse<String> r = bench.api.post("/api/v1/requests", bench.accounts().desaTokens().get(worker), body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        Api.expect(r, 201);
        filings.add((System.nanoTime() - t0) / 1e6);
        return Api.JSON.readTree(r.body()).get("id").asLong();
    }

    private static HttpRequest multipart(Bench bench, long request, String token, byte[] scan) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(scan.length + 300);
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kk.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(scan);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(bench.api.uri("/api/v1/requests/" + request + "/documents/KK/files"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                // as the desa's web client sends every file: a key of its own, so that a retry after a lost answer attaches once
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(300)).POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
    }

    /** A phone's photo by its first bytes, of random (distinct, incompressible) content. */
    private byte[] jpeg(int size) {
        byte[] bytes = new byte[size];
        new Random(seed.incrementAndGet()).nextBytes(bytes);
        byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
