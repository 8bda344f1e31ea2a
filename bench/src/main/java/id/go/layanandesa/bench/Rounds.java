package id.go.layanandesa.bench;

import java.util.ArrayList;
import java.util.List;

/** Per measured round: throughput, p50 and p99 latency (ms). */
public final class Rounds {

    public final List<Double> throughputs = new ArrayList<>();
    public final List<Double> p50s = new ArrayList<>();
    public final List<Double> p99s = new ArrayList<>();

    public void add(Result r) {
        throughputs.add(r.throughput());
        p50s.add(r.p(50));
        p99s.add(r.p(99));
    }
}
