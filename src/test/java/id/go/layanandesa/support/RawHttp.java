package id.go.layanandesa.support;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP spoken by hand over a socket to the service under test, for what a well-behaved client library will not do:
 * declare a body it never sends, stream one in chunks without end, send a request target or headers of any size.
 */
public final class RawHttp implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawHttp() throws IOException {
        socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends the request line and headers (CRLF-terminated lines, the blank line added here). */
    public RawHttp head(String... lines) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            s.append(line).append("\r\n");
        }
        s.append("\r\n");
        out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    public RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends one chunk of a chunked body (never the last, empty one unless {@code bytes} is empty). */
    public RawHttp chunk(byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads one whole answer: status line, headers and a body of its Content-Length. */
    public Answer answer() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int headEnd = -1;
        int length = -1;
        byte[] buffer = new byte[8192];
        while (true) {
            byte[] bytes = got.toByteArray();
            if (headEnd < 0) {
                headEnd = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
                if (headEnd >= 0) {
                    Matcher m = CONTENT_LENGTH.matcher(new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1));
                    length = m.find() ? Integer.parseInt(m.group(1)) : 0;
                }
            }
            if (headEnd >= 0 && bytes.length >= headEnd + 4 + length) {
                return new Answer(new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1),
                        new String(bytes, headEnd + 4, length, StandardCharsets.UTF_8));
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no whole answer in time; got: " + new String(bytes, StandardCharsets.UTF_8));
            }
            if (n < 0) {
                throw new AssertionError("the connection closed before a whole answer; got: " + new String(bytes, StandardCharsets.UTF_8));
            }
            got.write(buffer, 0, n);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public record Answer(String head, String body) {
        public int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }

        public String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(head);
            return m.find() ? m.group(1).strip() : null;
        }

        public String contentType() {
            String type = header("Content-Type");
            return type == null ? null : type.toLowerCase(Locale.ROOT);
        }
    }
}
