package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Machine;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.ServiceProcess;
import id.go.layanandesa.bench.Stage;

import java.util.List;

/** The service's resident memory right after the load and after an idle spell long enough for its idle collection. */
final class MemoryAfterRun implements Figure {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String title() {
        return "service RSS after the run and after bench.idle s idle (≤ 400 MB idle)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        int idle = bench.settings.idle;
        ServiceProcess service = bench.service();
        long busyKb = service.rssKb();
        bench.say("service RSS right after the load: " + busyKb / 1024 + " MB; waiting " + idle + " s idle");
        Thread.sleep(idle * 1000L);
        long rssKb = service.rssKb();
        long pgRssKb = Machine.postgresRssKb(bench.settings.data);
        bench.say("service RSS after " + idle + " s idle: " + rssKb / 1024 + " MB");
        return List.of(new Row("service RSS after the whole run, default settings", "≤ 400 MB",
                (rssKb / 1024) + " MB after " + idle + " s idle (JVM process; " + (busyKb / 1024) + " MB right after the last request, peak "
                        + (service.hwmKb() / 1024) + " MB; the embedded PostgreSQL's processes add " + (pgRssKb / 1024)
                        + " MB, shared memory counted once per process)", rssKb / 1024.0 <= 400));
    }
}
