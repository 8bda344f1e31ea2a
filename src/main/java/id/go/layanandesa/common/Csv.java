package id.go.layanandesa.common;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 text, a line at a time: what uploads and printable answers are made of. */
public final class Csv {

    private Csv() {
    }

    /** The lines of a text, with a leading byte order mark removed; line breaks of any platform. */
    public static String[] lines(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return body.split("\r?\n|\r", -1);
    }

    /** The fields of one line: commas separate, double quotes enclose, a doubled quote is a quote. */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** One line of these values, quoted where they need it, ending in CRLF. */
    public static String line(String... values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            String v = values[i] == null ? "" : values[i];
            // a leading =, +, - or @ would be a formula to a spreadsheet
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
                v = "'" + v;
            }
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                v = '"' + v.replace("\"", "\"\"") + '"';
            }
            s.append(v);
        }
        return s.append("\r\n").toString();
    }
}
