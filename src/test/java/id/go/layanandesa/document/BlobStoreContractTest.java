package id.go.layanandesa.document;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.support.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One storage test suite, run against both real stores: the data folder, and an S3-compatible object store (a real S3
 * API server started here, {@link S3Server}, reached over HTTP with signed requests by the same client the service uses).
 */
class BlobStoreContractTest {

    private static S3Server s3;
    private static Path folder;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Server.start();
        folder = Files.createTempDirectory("layanan-blobs");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    static Stream<String> stores() {
        return Stream.of("file", "s3");
    }

    static BlobStore store(String kind) throws IOException {
        return switch (kind) {
            case "file" -> new FileBlobStore(folder.resolve(UUID.randomUUID().toString()));
            case "s3" -> BlobStores.s3(s3Settings(s3.endpoint(), "bucket-" + UUID.randomUUID().toString().substring(0, 8)));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Settings as layanan.documents.s3.* would give them. */
    static LayananConfig.Documents.S3 s3Settings(String endpoint, String bucket) {
        return new LayananConfig.Documents.S3() {
            public Optional<String> endpoint() {
                return Optional.of(endpoint);
            }

            public String region() {
                return "us-east-1";
            }

            public String bucket() {
                return bucket;
            }

            public Optional<String> prefix() {
                return Optional.of("layanan/");
            }

            public boolean pathStyle() {
                return true;
            }

            public Optional<String> accessKey() {
                return Optional.of(S3Server.ACCESS_KEY);
            }

            public Optional<String> secretKey() {
                return Optional.of(S3Server.SECRET_KEY);
            }
        };
    }

    record Content(Path file, byte[] bytes, String sha256) {

        /** Puts this content into the store, under its SHA-256; itself. */
        Content keptIn(BlobStore store) throws IOException {
            store.put(sha256, file, bytes.length);
            return this;
        }
    }

    static Content content(int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path file = Files.createTempFile("blob-", ".bin");
        Files.write(file, bytes);
        return new Content(file, bytes, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    /** What the store lists as written before the instant. */
    static List<String> writtenBefore(BlobStore store, Instant before) throws IOException {
        List<String> listed = new ArrayList<>();
        store.forEachWrittenBefore(before, listed::add);
        return listed;
    }

    static byte[] read(BlobStore store, String sha256, long offset, long length) throws IOException {
        try (InputStream in = store.open(sha256, offset, length)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aKeptContentReadsBackWholeAndInRanges(String kind) throws Exception {
        BlobStore store = store(kind);
        Content c = content(300_000, 1);
        assertFalse(store.exists(c.sha256()));
        c.keptIn(store);
        assertTrue(store.exists(c.sha256()));
        assertArrayEquals(c.bytes(), read(store, c.sha256(), 0, c.bytes().length));
        assertArrayEquals(java.util.Arrays.copyOfRange(c.bytes(), 1000, 1100), read(store, c.sha256(), 1000, 100));
        assertArrayEquals(java.util.Arrays.copyOfRange(c.bytes(), 299_990, 300_000), read(store, c.sha256(), 299_990, 10));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aFiveMegabyteContentStreamsThroughUnchanged(String kind) throws Exception {
        BlobStore store = store(kind);
        Content c = content(5 * 1024 * 1024, 2).keptIn(store);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = store.open(c.sha256(), 0, c.bytes().length)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; total += n) {
                digest.update(buffer, 0, n);
            }
        }
        assertEquals(c.bytes().length, total);
        assertEquals(c.sha256(), HexFormat.of().formatHex(digest.digest()));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theSameContentKeptTwiceIsOneContent(String kind) throws Exception {
        BlobStore store = store(kind);
        Content c = content(10_000, 3).keptIn(store);
        c.keptIn(store);
        assertEquals(List.of(c.sha256()), writtenBefore(store, Instant.now().plusSeconds(60)));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anAbsentContentCannotBeOpenedAndDeletingItIsQuiet(String kind) throws Exception {
        BlobStore store = store(kind);
        String absent = "0".repeat(64);
        assertFalse(store.exists(absent));
        assertThrows(IOException.class, () -> read(store, absent, 0, 10));
        store.delete(absent);
        assertFalse(store.exists(absent));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aDeletedContentIsGone(String kind) throws Exception {
        BlobStore store = store(kind);
        Content c = content(1000, 4).keptIn(store);
        store.delete(c.sha256());
        assertFalse(store.exists(c.sha256()));
        assertEquals(List.of(), writtenBefore(store, Instant.now().plusSeconds(60)));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void onlyContentsWrittenBeforeTheGivenTimeAreListed(String kind) throws Exception {
        BlobStore store = store(kind);
        Content c = content(1000, 5).keptIn(store);
        assertEquals(List.of(), writtenBefore(store, Instant.now().minusSeconds(3600)),
                "a content written just now is not listed as older than an hour ago");
        assertEquals(List.of(c.sha256()), writtenBefore(store, Instant.now().plusSeconds(60)));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aNameThatIsNoSha256IsRefused(String kind) throws Exception {
        BlobStore store = store(kind);
        Content c = content(10, 6);
        assertThrows(IllegalArgumentException.class, () -> store.put("../../etc/passwd", c.file(), 10));
        assertThrows(IllegalArgumentException.class, () -> store.exists("ABC"));
    }

    /** The data folder writes to tmp/ and renames: no partial file under a content's name, and leftovers of a crash are swept. */
    @Test
    void theDataFolderLeavesNoHalfWrittenFileAndSweepsLeftovers() throws Exception {
        FileBlobStore store = (FileBlobStore) store("file");
        Content c = content(50_000, 7).keptIn(store);
        try (Stream<Path> tmp = Files.list(store.tmp())) {
            assertEquals(0, tmp.count(), "nothing is left in tmp/ after a put");
        }
        Path leftover = store.tmp().resolve(UUID.randomUUID() + ".part");
        Files.write(leftover, new byte[123]);
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minusSeconds(7200)));
        Path fresh = store.tmp().resolve(UUID.randomUUID() + ".part");
        Files.write(fresh, new byte[12]);
        store.forEachWrittenBefore(Instant.now().minusSeconds(3600), sha -> {
        });
        assertFalse(Files.exists(leftover), "a leftover older than the grace is removed");
        assertTrue(Files.exists(fresh), "a part being written now is left alone");
    }

    /** A received file on the data folder's file system becomes the content without a copy, and outlives its first name. */
    @Test
    void theDataFolderKeepsAReceivedFileByLinkingIt() throws Exception {
        FileBlobStore store = (FileBlobStore) store("file");
        Path received = Files.createTempFile(store.tmp().getParent(), "received-", ".part");
        byte[] bytes = new byte[70_000];
        new Random(11).nextBytes(bytes);
        Files.write(received, bytes);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        store.put(sha256, received, bytes.length);
        assertTrue(Files.isSameFile(received, store.pathOf(sha256)), "the received file is the kept content");
        Files.delete(received);
        assertArrayEquals(bytes, read(store, sha256, 0, bytes.length), "and reads back whole once the received file's name is gone");
        try (Stream<Path> tmp = Files.list(store.tmp())) {
            assertEquals(0, tmp.count());
        }
        // the same content received again is kept once
        Path again = Files.createTempFile(store.tmp().getParent(), "received-", ".part");
        Files.write(again, bytes);
        store.put(sha256, again, bytes.length);
        assertFalse(Files.isSameFile(again, store.pathOf(sha256)));
        assertArrayEquals(bytes, read(store, sha256, 0, bytes.length));
    }
}
