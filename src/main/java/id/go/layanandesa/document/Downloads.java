package id.go.layanandesa.document;

import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.http.ETags;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored file as an HTTP answer: streamed from the {@link BlobStore} in small buffers (never whole in memory), with
 * its strong ETag (the SHA-256), {@code Content-Disposition} carrying its display name, one byte range on request
 * ({@code Range: bytes=…}, also {@code If-Range}), 304 for {@code If-None-Match}, and {@code Cache-Control: private,
 * no-store}: files of requests hold personal data, and desa offices share PCs.
 */
final class Downloads {

    static final String CACHE_CONTROL = "private, no-store";
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    private Downloads() {
    }

    static String etag(String sha256) {
        return "\"" + sha256 + "\"";
    }

    static Response of(BlobStore blobs, DocumentStore.StoredFile file, String range, String ifRange, String ifNoneMatch) {
        String etag = etag(file.sha256());
        if (ETags.matches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
        }
        long size = file.size();
        long start = 0;
        long end = size - 1;
        boolean partial = false;
        if (range != null && (ifRange == null || ifRange.strip().equals(etag))) {
            Matcher m = RANGE.matcher(range.strip());
            // anything but one plain byte range (several ranges, other units) is answered with the whole file, as RFC 9110 allows
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                try {
                    if (m.group(1).isEmpty()) {
                        long suffix = Long.parseLong(m.group(2));
                        start = Math.max(0, size - suffix);
                        if (suffix == 0) {
                            throw unsatisfiable(size);
                        }
                    } else {
                        start = Long.parseLong(m.group(1));
                        if (!m.group(2).isEmpty()) {
                            end = Math.min(end, Long.parseLong(m.group(2)));
                            if (end < start) {
                                throw unsatisfiable(size);
                            }
                        }
                    }
                } catch (NumberFormatException e) {
                    throw unsatisfiable(size);
                }
                if (start >= size) {
                    throw unsatisfiable(size);
                }
                partial = true;
            }
        }
        long from = start;
        long length = end - start + 1;
        StreamingOutput body = out -> copy(blobs, file.sha256(), from, length, out);
        Response.ResponseBuilder answer = Response.status(partial ? 206 : 200).entity(body).type(file.mediaType())
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", disposition("attachment", file.fileName()));
        if (partial) {
            answer.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        return answer.build();
    }

    private static void copy(BlobStore blobs, String sha256, long from, long length, OutputStream out) throws IOException {
        try (InputStream in = blobs.open(sha256, from, length)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }

    private static ProblemException unsatisfiable(long size) {
        return new ProblemException(416, ProblemCode.RANGE_NOT_SATISFIABLE, "Range not satisfiable",
                "the file has " + size + " bytes", null, null, null, Map.of("Content-Range", "bytes */" + size));
    }

    /** {@code attachment; filename="kk.jpg"; filename*=UTF-8''kk.jpg}: an ASCII fallback and the name as given (RFC 6266). */
    static String disposition(String type, String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
