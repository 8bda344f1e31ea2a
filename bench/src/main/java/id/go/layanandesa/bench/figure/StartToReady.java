package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.ServiceProcess;
import id.go.layanandesa.bench.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;

/**
 * Restarts on the data folder the run filled, as README tells a user to start the service ({@code ./run.sh}): from
 * process start to ready, embedded PostgreSQL included. Each round starts once with the JDK's AOT cache (what
 * {@code ./run.sh} does on JDK 25 or newer) and once without ({@code LAYANAN_AOT_CACHE=off}), alternately, so that
 * both see the same machine.
 */
final class StartToReady implements Figure {

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String title() {
        return "start to ready on an existing data folder with ./run.sh (aim ≤ 3 s)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) throws Exception {
        List<Double> ready = new ArrayList<>();
        List<Double> quarkus = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int i = 0; i < bench.settings.restarts; i++) {
            ServiceProcess plain = bench.restartService(List.of(), Map.of("LAYANAN_AOT_CACHE", "off"));
            without.add(plain.readyNanos() / 1e9);
            bench.say("  restart " + (i + 1) + " without the AOT cache: ready in " + f2(plain.readyNanos() / 1e9) + " s (Quarkus says started in "
                    + f2(plain.quarkusStartedSeconds()) + " s)");
            ServiceProcess service = bench.restartService();
            ready.add(service.readyNanos() / 1e9);
            quarkus.add(service.quarkusStartedSeconds());
            bench.say("  restart " + (i + 1) + " with ./run.sh as it is: ready in " + f2(service.readyNanos() / 1e9) + " s (Quarkus says started in "
                    + f2(quarkus.get(quarkus.size() - 1)) + " s)");
        }
        double median = median(ready);
        return List.of(new Row("start to ready on an existing data folder (./run.sh)", "report; aim ≤ 3 s",
                f2(median) + " s from process start to /q/health/ready 200, embedded PostgreSQL start included (" + ready.size()
                        + " runs " + range(ready, 2) + " s; Quarkus alone reports " + f2(median(quarkus)) + " s); without the AOT cache "
                        + f2(median(without)) + " s (" + range(without, 2) + " s) in the same rounds", median <= 3));
    }
}
