package id.go.layanandesa.common;

import id.go.layanandesa.common.error.ProblemException;

/** Strong ETags of versioned resources ({@code "3"}) and the If-Match check that guards their changes. */
public final class IfMatch {

    private IfMatch() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match header names: 428 when it is absent, 412 when it names no version of this
     * resource (a malformed value can never match).
     */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired();
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.preconditionFailed("If-Match " + ifMatch + " names no version of this resource; read it again");
        }
    }

    /** 412 unless the client's version is the current one. */
    public static void check(String ifMatch, long current) {
        long expected = required(ifMatch);
        if (expected != current) {
            throw ProblemException.preconditionFailed("it changed since version " + expected + " (now " + current + "); read it again");
        }
    }
}
