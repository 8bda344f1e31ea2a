package id.go.layanandesa.account;

/** Entity tags of versioned resources: the version number in quotes, e.g. {@code "3"}. */
final class ETags {

    private ETags() {
    }

    static String of(int version) {
        return "\"" + version + "\"";
    }

    /** True when one of the listed tags (weak or strong) names the version. */
    static boolean matches(String ifMatch, int version) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(of(version))) {
                return true;
            }
        }
        return false;
    }
}
