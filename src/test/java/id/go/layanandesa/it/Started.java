package id.go.layanandesa.it;

/** What a packaged-jar test class started for all its tests: services, databases. */
final class Started {

    private Started() {
    }

    /** Stops each of them that was started (a failed start leaves its field null), in the order given. */
    static void stopAll(AutoCloseable... started) throws Exception {
        for (AutoCloseable each : started) {
            if (each != null) {
                each.close();
            }
        }
    }
}
