package id.go.layanandesa.common;

import id.go.layanandesa.common.error.ProblemException;

/** Strong ETags made of a version number, and the If-Match rule for changes. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** 428 when If-Match is missing, 412 when it names another version; {@code *} matches any. */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired();
        }
        if (!matches(ifMatch, currentVersion)) {
            throw ProblemException.preconditionFailed("the resource is at version " + currentVersion
                    + " now, not the one in If-Match; read it again and retry");
        }
    }

    public static boolean matches(String header, long currentVersion) {
        String current = of(currentVersion);
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(current) || t.equals("W/" + current)) {
                return true;
            }
        }
        return false;
    }
}
