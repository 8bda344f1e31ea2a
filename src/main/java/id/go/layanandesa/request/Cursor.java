package id.go.layanandesa.request;

import id.go.layanandesa.common.error.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An opaque keyset cursor: the sort value and the id of the last item of a page. */
public record Cursor(String value, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((value + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = s.lastIndexOf('|');
            return new Cursor(s.substring(0, bar), Long.parseLong(s.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service gave out");
        }
    }
}
