package id.go.layanandesa.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The audit trail as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when they need it; UTF-8 with a byte
 * order mark so that spreadsheet programs read it as UTF-8). A cell that a spreadsheet would take for a formula (it
 * starts with =, +, -, @, a tab or a carriage return) is prefixed with a single quote.
 */
final class AuditCsv {

    static final String MEDIA_TYPE = "text/csv";
    static final List<String> HEADER = List.of("id", "at", "kabupaten_code", "actor_kind", "actor", "actor_name", "actor_role", "action",
            "target_type", "target_id", "request_ids", "client_address", "request_id", "client_request_id", "detail");

    private final Writer out;
    private final ObjectMapper json;

    AuditCsv(Writer out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    void header() {
        write("\uFEFF");
        row(HEADER);
    }

    void entry(AuditViews.Entry e) {
        String detail;
        try {
            detail = e.detail().isEmpty() ? "" : json.writeValueAsString(e.detail());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        row(java.util.Arrays.asList(Long.toString(e.id()), e.at().toString(), e.kabupatenCode(), e.actor().kind().name(),
                e.actor().principal(), e.actor().name(), e.actor().role(), e.action(), e.target() == null ? null : e.target().type(),
                e.target() == null ? null : e.target().id(),
                e.requestIds().stream().map(String::valueOf).collect(Collectors.joining(" ")), e.clientAddress(), e.requestId(),
                e.clientRequestId(), detail));
    }

    private void row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        write(line.append("\r\n").toString());
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
