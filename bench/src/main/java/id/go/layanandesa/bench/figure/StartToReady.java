package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.ServiceProcess;
import id.go.layanandesa.bench.Stage;

import java.util.ArrayList;
import java.util.List;

import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;

/** Restarts on the data folder the run filled: from process start to ready, embedded PostgreSQL included. */
final class StartToReady implements Figure {

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String title() {
        return "start to ready on an existing data folder (aim ≤ 3 s)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        List<Double> ready = new ArrayList<>();
        List<Double> quarkus = new ArrayList<>();
        for (int i = 0; i < bench.settings.restarts; i++) {
            ServiceProcess service = bench.restartService();
            ready.add(service.readyNanos() / 1e9);
            quarkus.add(service.quarkusStartedSeconds());
            bench.say("  restart " + (i + 1) + ": ready in " + f2(service.readyNanos() / 1e9) + " s (Quarkus says started in "
                    + f2(quarkus.get(quarkus.size() - 1)) + " s)");
        }
        double median = median(ready);
        return List.of(new Row("start to ready on an existing data folder (service only)", "report; aim ≤ 3 s",
                f2(median) + " s from process start to /q/health/ready 200, embedded PostgreSQL start included (runs "
                        + range(ready, 2) + " s; Quarkus alone reports " + f2(median(quarkus)) + " s)", median <= 3));
    }
}
