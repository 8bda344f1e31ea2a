package id.go.layanandesa.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the run says as it goes, stamped with the seconds since it started; the report keeps it. */
public final class Log {

    private final long started = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    public void say(String line) {
        String stamped = String.format(Locale.ROOT, "[%5.0f s] %s", (System.nanoTime() - started) / 1e9, line);
        System.out.println(stamped);
        synchronized (lines) {
            lines.add(stamped);
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public long started() {
        return started;
    }
}
