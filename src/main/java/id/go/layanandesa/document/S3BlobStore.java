package id.go.layanandesa.document;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Contents in a bucket of any S3-compatible object store, as {@code <prefix>blobs/<sha256>}. An object appears whole
 * or not at all once PUT answers, so there are no half-written leftovers here; a content written but never committed
 * as a row is swept like in the data folder.
 */
public final class S3BlobStore implements BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String where;

    public S3BlobStore(S3Client s3, String bucket, String prefix, String where) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = (prefix == null ? "" : prefix) + "blobs/";
        this.where = where;
    }

    private String key(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in hex");
        }
        return prefix + sha256;
    }

    @Override
    public void put(String sha256, Path file, long size) throws IOException {
        if (exists(sha256)) {
            return;
        }
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key(sha256)).contentLength(size)
                    .contentType("application/octet-stream").build(), RequestBody.fromFile(file));
        } catch (S3Exception e) {
            throw new IOException("the object store refused to keep a file: " + e.statusCode(), e);
        }
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key(sha256)).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("the object store could not be asked for a file: " + e.statusCode(), e);
        }
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key(sha256))
                    .range("bytes=" + offset + "-" + (offset + length - 1)).build());
        } catch (S3Exception e) {
            throw new IOException("the object store could not give a file: " + e.statusCode(), e);
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key(sha256)));
        } catch (S3Exception e) {
            throw new IOException("the object store could not delete a file: " + e.statusCode(), e);
        }
    }

    @Override
    public void forEachWrittenBefore(Instant before, Consumer<String> action) throws IOException {
        try {
            for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
                String name = object.key().substring(prefix.length());
                if (SHA256.matcher(name).matches() && object.lastModified() != null && object.lastModified().isBefore(before)) {
                    action.accept(name);
                }
            }
        } catch (S3Exception e) {
            throw new IOException("the object store could not list files: " + e.statusCode(), e);
        }
    }

    @Override
    public String describe() {
        return where;
    }
}
