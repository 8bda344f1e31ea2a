package id.go.layanandesa.statistics;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * An RFC 4180 table: comma-separated, CRLF line ends, a field quoted (quotes doubled) when it holds a comma, quote,
 * CR or LF, a header row first. UTF-8 with a byte order mark, so that Excel opens names such as "Pasi'" right.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    public static final String CONTENT_TYPE = "text/csv; charset=UTF-8; header=present";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final StringBuilder text = new StringBuilder();

    public Csv row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(cells[i]));
        }
        text.append("\r\n");
        return this;
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        out.writeBytes(BOM);
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
