package id.go.layanandesa.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 and a count of the bytes (and of the newlines: COPY text has one per row) that went through. */
final class Checksummed {

    private final MessageDigest digest;
    private long bytes;
    private long newlines;

    Checksummed() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(byte[] b, int off, int len) {
        digest.update(b, off, len);
        bytes += len;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                newlines++;
            }
        }
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    long bytes() {
        return bytes;
    }

    long newlines() {
        return newlines;
    }

    /** Writes through to {@code out} without closing it, checksumming on the way. */
    OutputStream writingTo(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                update(b, off, len);
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Reads {@code in} to its end; this instance then holds its checksum. */
    Checksummed readAll(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            update(buffer, 0, n);
        }
        return this;
    }
}
