package id.go.layanandesa.common.http;

import id.go.layanandesa.common.error.ProblemException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one way ETags are made and read. A versioned resource has a strong ETag, its version in quotes
 * ({@code "3"}); a list has a weak one made of what decides its content ({@code W/"12-2026-11-30-1a2b"}).
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The ETag of an answer body, or null when it is not a versioned resource. */
    public static String ofBody(Object body) {
        return body instanceof Versioned v ? of(v.version()) : null;
    }

    /** A weak ETag of a list, from the parts that decide what the list shows. */
    public static String weak(Object... parts) {
        return "W/\"" + Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining("-")) + "\"";
    }

    /** Whether an If-None-Match header names this ETag (or is {@code *}); weak comparison, as RFC 9110 wants. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        String opaque = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || opaque(c).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    /**
     * The version an If-Match header names: 428 when it is absent, 412 when it names no version of this
     * resource (a malformed value can never match).
     */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired();
        }
        String value = opaque(ifMatch.strip());
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.preconditionFailed("If-Match " + ifMatch + " names no version of this resource; read it again");
        }
    }

    /** 412 unless the client's version is the current one; 428 without If-Match. */
    public static void checkIfMatch(String ifMatch, long current) {
        long expected = required(ifMatch);
        if (expected != current) {
            throw ProblemException.preconditionFailed("it changed since version " + expected + " (now " + current + "); read it again");
        }
    }
}
