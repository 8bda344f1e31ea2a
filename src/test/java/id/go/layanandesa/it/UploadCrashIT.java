package id.go.layanandesa.it;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * kill -9 in the middle of an upload leaves the files consistent: no row names a content that is not kept, a resumable
 * upload goes on after the restart from the bytes that were committed, and what a cut-off one-shot upload left is swept.
 */
class UploadCrashIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BOUNDARY = "crash-boundary-5Jq0ZsR2";

    @Test
    void aResumableUploadCutByAKillGoesOnAfterTheRestartFromWhatWasCommitted() throws Exception {
        try (WebhookInstances shared = new WebhookInstances("uploads-crash-tus")) {
            byte[] scan = jpeg(5 * 1024 * 1024, 1);
            String token;
            long request;
            String upload;
            long kept;
            ServiceProcess first = shared.start("upload-crash-1", true, ownTemp(shared, Map.of()));
            try (first) {
                token = shared.token("crash-desa-1", "DESA_OFFICER", "73.24.01.2001", null);
                request = file(shared, first, token);
                HttpResponse<String> created = send(first, "POST", "/api/v1/requests/" + request + "/documents/KK/uploads", token,
                        Map.of("Tus-Resumable", "1.0.0", "Upload-Length", Integer.toString(scan.length),
                                "Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("kk.jpg".getBytes(StandardCharsets.UTF_8))),
                        null);
                assertEquals(201, created.statusCode(), created.body());
                upload = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();

                // one PATCH of the first megabyte arrives whole
                HttpResponse<String> firstPiece = patch(first, upload, token, 0, Arrays.copyOf(scan, 1024 * 1024));
                assertEquals(204, firstPiece.statusCode(), firstPiece.body());
                assertEquals("1048576", firstPiece.headers().firstValue("Upload-Offset").orElseThrow());

                // the next announces the rest, sends 1.6 MB of it, and is still open when the service is killed
                try (Socket socket = new Socket("127.0.0.1", first.port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                            + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 1048576\r\nContent-Type: application/offset+octet-stream\r\n"
                            + "Content-Length: " + (scan.length - 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(scan, 1024 * 1024, 1_600_000);
                    out.flush();
                    kept = settledOffset(first, upload, token);
                    assertTrue(kept > 1024 * 1024 && kept <= 1024 * 1024 + 1_600_000, "the open PATCH's bytes are being kept: " + kept);
                    first.kill();
                }
            }
            assertEquals(kept, shared.single("select received from file_upload where id = '" + id(upload) + "'"),
                    "the offset the service answered last is the one committed");
            assertEquals(kept, shared.single("select coalesce(sum(length(data)), 0) from file_upload_chunk where upload_id = '" + id(upload) + "'"),
                    "and its bytes are all there");
            assertEquals(0, shared.single("select count(*) from request_file where request_id = " + request), "not a file of the request yet");

            try (ServiceProcess second = shared.start("upload-crash-1b", false, ownTemp(shared, Map.of()))) {
                HttpResponse<String> head = send(second, "HEAD", upload, token, Map.of("Tus-Resumable", "1.0.0"), null);
                assertEquals(200, head.statusCode());
                assertEquals(Long.toString(kept), head.headers().firstValue("Upload-Offset").orElseThrow());
                assertEquals(Integer.toString(scan.length), head.headers().firstValue("Upload-Length").orElseThrow());

                HttpResponse<String> rest = patch(second, upload, token, kept, Arrays.copyOfRange(scan, (int) kept, scan.length));
                assertEquals(204, rest.statusCode(), rest.body());
                assertEquals(Integer.toString(scan.length), rest.headers().firstValue("Upload-Offset").orElseThrow());

                Http.Reply files = Http.get(second.url("/api/v1/requests/" + request + "/files"), token);
                assertEquals(200, files.status(), String.valueOf(files.body()));
                assertEquals(1, files.body().get("items").size(), files.body().toString());
                assertEquals(sha256(scan), files.body().get("items").get(0).get("sha256").asText());
                assertEquals("kk.jpg", files.body().get("items").get(0).get("fileName").asText());
                HttpResponse<byte[]> download = CLIENT.send(HttpRequest.newBuilder(URI.create(second.url(
                                files.body().get("items").get(0).get("href").asText()))).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, download.statusCode());
                assertEquals(sha256(scan), sha256(download.body()), "the file downloads as it was sent");
            }
            assertEquals(1, shared.single("select count(*) from request_file where request_id = " + request + " and sha256 = '" + sha256(scan) + "'"));
            assertEquals(0, shared.single("select count(*) from file_upload_chunk where upload_id = '" + id(upload) + "'"),
                    "its pieces are gone once the file is whole");
            assertEquals(Set.of(), rowsWithoutContent(shared));
            assertEquals(List.of(), leftovers(shared.root.resolve("uploads")), "the finished upload was assembled and kept without leaving a file");
            assertEquals(List.of(), listing(shared.root.resolve("documents").resolve("tmp")));
            assertEquals(List.of(), strayUploads(shared), "nothing was received or assembled outside the data folder");
        }
    }

    @Test
    void aKillDuringOneShotUploadsLeavesNoRowWithoutItsContentAndNoContentWithoutItsRowOnceSwept() throws Exception {
        Map<String, String> roomy = Map.of("layanan.documents.max-files-per-request", "1000");
        Map<String, String> sweepSoon = Map.of("layanan.documents.max-files-per-request", "1000",
                "layanan.documents.sweep-grace", "PT1S", "layanan.documents.sweep-every", "PT1S", "layanan.documents.sweep-delay", "PT1S");
        try (WebhookInstances shared = new WebhookInstances("uploads-crash-multipart")) {
            Path documents = shared.root.resolve("documents");
            String token;
            long request;
            byte[] cut = jpeg(3 * 1024 * 1024, 2);
            List<String> attached = new ArrayList<>();
            ServiceProcess first = shared.start("upload-crash-2", true, ownTemp(shared, roomy));
            try (first) {
                token = shared.token("crash-desa-2", "DESA_OFFICER", "73.24.01.2001", null);
                request = file(shared, first, token);

                // uploads of whole files keep arriving while the service is killed: some commit, some are cut anywhere
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger seed = new AtomicInteger(100);
                ExecutorService clients = Executors.newFixedThreadPool(4);
                List<Future<?>> loops = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    loops.add(clients.submit(() -> {
                        while (running.get()) {
                            byte[] scan = jpeg(400_000, seed.incrementAndGet());
                            try {
                                HttpResponse<String> r = multipart(first, request, token, scan);
                                if (r.statusCode() == 201) {
                                    synchronized (attached) {
                                        attached.add(sha256(scan));
                                    }
                                }
                            } catch (Exception e) {
                                return null;
                            }
                        }
                        return null;
                    }));
                }
                // and one upload has sent a part of its body when the kill comes
                try (Socket socket = new Socket("127.0.0.1", first.port)) {
                    byte[] body = multipartBody(cut);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/v1/requests/" + request + "/documents/KK/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + token + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + body.length
                            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (attached.size() < 3 && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertTrue(attached.size() >= 3, "uploads went through before the kill");
                    first.kill();
                }
                running.set(false);
                for (Future<?> loop : loops) {
                    loop.get();
                }
                clients.shutdown();
            }
            List<String> received = leftovers(shared.root.resolve("uploads"));
            assertFalse(received.isEmpty(), "the kill left bodies being received in the data folder's uploads folder");
            Set<String> rowsAfterKill = rows(shared, request);
            assertTrue(rowsAfterKill.containsAll(attached), "every upload answered 201 has its row");
            assertFalse(rowsAfterKill.contains(sha256(cut)), "the cut upload has no row");
            assertEquals(Set.of(), rowsWithoutContent(shared), "no row names a content that is not kept");

            // what a kill between keeping a content and committing its row leaves, from long enough ago to be swept
            byte[] stray = jpeg(50_000, 3);
            Path strayBlob = blobPath(documents, sha256(stray));
            Files.createDirectories(strayBlob.getParent());
            Files.write(strayBlob, stray);
            Files.setLastModifiedTime(strayBlob, FileTime.from(Instant.now().minusSeconds(3600)));
            Path strayPart = documents.resolve("tmp").resolve("cut-off.part");
            Files.write(strayPart, Arrays.copyOf(stray, 20_000));
            Files.setLastModifiedTime(strayPart, FileTime.from(Instant.now().minusSeconds(3600)));

            try (ServiceProcess second = shared.start("upload-crash-2b", false, ownTemp(shared, sweepSoon))) {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while ((Files.exists(strayBlob) || Files.exists(strayPart) || !leftovers(shared.root.resolve("uploads")).isEmpty())
                        && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertFalse(Files.exists(strayBlob), "the sweeper ran and took the content no row names");
                assertFalse(Files.exists(strayPart), "and the half-written leftover");
                // one more round after the stray was taken: whatever else the kill left is gone too
                Thread.sleep(3000);

                Set<String> rows = rows(shared, request);
                assertEquals(rowsAfterKill, rows, "the sweeper removed no row");
                assertEquals(rows, blobs(documents), "every kept content is named by a row, and every row's content is kept");
                assertEquals(List.of(), listing(documents.resolve("tmp")), "no half-written file is left");
                assertEquals(List.of(), leftovers(shared.root.resolve("uploads")), "nor any body that was being received: " + received);
                assertEquals(List.of(), strayUploads(shared), "nor any received body outside the data folder");
                assertFalse(Files.exists(blobPath(documents, sha256(cut))), "nothing of the cut upload is kept");

                // the files that made it download whole
                Http.Reply files = Http.get(second.url("/api/v1/requests/" + request + "/files"), token);
                assertEquals(200, files.status(), String.valueOf(files.body()));
                assertEquals(rows.size(), files.body().get("items").size());
                for (var item : files.body().get("items")) {
                    HttpResponse<byte[]> download = CLIENT.send(HttpRequest.newBuilder(URI.create(second.url(item.get("href").asText())))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, download.statusCode());
                    assertEquals(item.get("sha256").asText(), sha256(download.body()));
                }
                // and the request takes the cut file once it is sent again
                HttpResponse<String> again = multipart(second, request, token, cut);
                assertEquals(201, again.statusCode(), again.body());
                assertEquals(sha256(cut), Http.JSON.readTree(again.body()).get("sha256").asText());
                assertTrue(Files.exists(blobPath(documents, sha256(cut))));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A birth registration of the desa declaring KK as ATTACHED: its id. */
    private static long file(WebhookInstances shared, ServiceProcess service, String token) throws Exception {
        long serviceType = shared.single("select id from service_type where kabupaten_code = '73.24' and code = 'AKTA_KELAHIRAN'");
        Map<String, Object> filing = new java.util.HashMap<>(WebhookInstances.filing(serviceType));
        filing.put("documents", List.of(Map.of("code", "SURAT_KETERANGAN_LAHIR", "provision", "ON_PAPER"),
                Map.of("code", "KK", "provision", "ATTACHED")));
        Http.Reply r = Http.post(service.url("/api/v1/requests"), token, filing);
        assertEquals(201, r.status(), String.valueOf(r.body()));
        return r.body().get("id").asLong();
    }

    /** The offset HEAD answers once it stopped moving (the service has kept what it could of the bytes sent so far). */
    private static long settledOffset(ServiceProcess service, String upload, String token) throws Exception {
        long last = -1;
        int same = 0;
        for (int i = 0; i < 300 && same < 5; i++) {
            Thread.sleep(200);
            HttpResponse<String> head = send(service, "HEAD", upload, token, Map.of("Tus-Resumable", "1.0.0"), null);
            assertEquals(200, head.statusCode());
            long now = Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
            same = now == last ? same + 1 : 0;
            last = now;
        }
        return last;
    }

    private static HttpResponse<String> patch(ServiceProcess service, String upload, String token, long offset, byte[] bytes) throws Exception {
        return send(service, "PATCH", upload, token, Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", Long.toString(offset),
                "Content-Type", "application/offset+octet-stream"), bytes);
    }

    private static HttpResponse<String> multipart(ServiceProcess service, long request, String token, byte[] scan) throws Exception {
        return send(service, "POST", "/api/v1/requests/" + request + "/documents/KK/files", token,
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY), multipartBody(scan));
    }

    private static HttpResponse<String> send(ServiceProcess service, String method, String path, String token, Map<String, String> headers,
                                             byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] multipartBody(byte[] scan) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kk.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(scan);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A JPEG as a phone makes it (by its first bytes), of random content. */
    private static byte[] jpeg(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String id(String upload) {
        return upload.substring(upload.lastIndexOf('/') + 1);
    }

    private static Path blobPath(Path documents, String sha256) {
        return documents.resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** The contents the data folder keeps, by name. */
    private static Set<String> blobs(Path documents) throws Exception {
        try (Stream<Path> files = Files.walk(documents.resolve("blobs"))) {
            return new TreeSet<>(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList());
        }
    }

    private static List<String> listing(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    /** The files in the uploads folder, but the lock every live instance holds on it. */
    private static List<String> leftovers(Path uploads) throws Exception {
        return listing(uploads).stream().filter(name -> !name.equals("instances.lock")).toList();
    }

    /** The settings with a system temporary folder of the test's own, where nothing received may land. */
    private static Map<String, String> ownTemp(WebhookInstances shared, Map<String, String> settings) throws Exception {
        Path temp = Files.createDirectories(shared.root.resolve("system-temp"));
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("java.io.tmpdir", temp.toString());
        return all;
    }

    /**
     * Received or assembled bodies outside the data folder: in the working folder (the HTTP layer's default
     * {@code file-uploads}) or in the system's temporary folder, which the instances of these tests have of their own.
     */
    private static List<String> strayUploads(WebhookInstances shared) throws Exception {
        List<String> stray = new ArrayList<>();
        for (Path folder : List.of(shared.root.resolve("file-uploads"), shared.root.resolve("system-temp"))) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                            .filter(name -> name.startsWith("resteasy-reactive") || name.endsWith(".part") || name.endsWith("upload"))
                            .forEach(stray::add);
                }
            }
        }
        return stray;
    }

    /** The contents the request's rows name. */
    private static Set<String> rows(WebhookInstances shared, long request) throws Exception {
        Set<String> shas = new TreeSet<>();
        try (Connection c = shared.jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select sha256 from request_file where request_id = " + request)) {
            while (rs.next()) {
                shas.add(rs.getString(1));
            }
        }
        return shas;
    }

    /** Rows (of any request) whose content the data folder does not keep. */
    private static Set<String> rowsWithoutContent(WebhookInstances shared) throws Exception {
        Set<String> missing = new TreeSet<>();
        try (Connection c = shared.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select sha256 from request_file")) {
            while (rs.next()) {
                if (!Files.isRegularFile(blobPath(shared.root.resolve("documents"), rs.getString(1)))) {
                    missing.add(rs.getString(1));
                }
            }
        }
        return missing;
    }
}
