package id.go.layanandesa.common;

import id.go.layanandesa.common.http.ETags;

/** If-Match checks of versioned resources; ETags themselves are made by {@link ETags}. */
public final class IfMatch {

    private IfMatch() {
    }

    public static String etag(long version) {
        return ETags.of(version);
    }

    public static long required(String ifMatch) {
        return ETags.required(ifMatch);
    }

    public static void check(String ifMatch, long current) {
        ETags.checkIfMatch(ifMatch, current);
    }
}
