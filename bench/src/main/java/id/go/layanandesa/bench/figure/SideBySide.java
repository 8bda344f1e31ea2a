package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Load;
import id.go.layanandesa.bench.Result;
import id.go.layanandesa.bench.Rounds;
import id.go.layanandesa.bench.Settings;

import java.util.ArrayList;
import java.util.List;

import static id.go.layanandesa.bench.Numbers.f0;
import static id.go.layanandesa.bench.Numbers.f2;
import static id.go.layanandesa.bench.Numbers.median;
import static id.go.layanandesa.bench.Numbers.range;

/**
 * Two calls measured against each other at the poll concurrency: both warmed up twice, then each for the same time
 * every round, which goes first alternating from round to round, so that a service still getting faster favours
 * neither side.
 */
final class SideBySide {

    final Rounds first = new Rounds();
    final Rounds second = new Rounds();
    final List<Double> ratios = new ArrayList<>();

    private SideBySide() {
    }

    static SideBySide measure(Bench bench, String firstName, Load.Op firstCall, String secondName, Load.Op secondCall) throws Exception {
        Settings s = bench.settings;
        for (int i = 0; i < 2; i++) {
            bench.load.timed(s.pollConcurrency, 2, firstCall);
            bench.load.timed(s.pollConcurrency, 2, secondCall);
        }
        SideBySide m = new SideBySide();
        for (int round = 0; round < s.rounds; round++) {
            Result a = null;
            Result b = null;
            for (int half = 0; half < 2; half++) {
                if ((round + half) % 2 == 0) {
                    a = bench.load.timed(s.pollConcurrency, s.pollSeconds, firstCall);
                } else {
                    b = bench.load.timed(s.pollConcurrency, s.pollSeconds, secondCall);
                }
            }
            m.first.add(a);
            m.second.add(b);
            m.ratios.add(a.throughput() / b.throughput());
            bench.say("  round " + (round + 1) + ": " + firstName + " " + f0(a.throughput()) + "/s, " + secondName + " "
                    + f0(b.throughput()) + "/s");
        }
        return m;
    }

    /** The first call's median throughput over the second's. */
    double ratio() {
        return median(first.throughputs) / median(second.throughputs);
    }

    /** "1.41× (12136 vs 8594 req/s" — the caller closes the parenthesis, after what it adds. */
    String figures() {
        return f2(ratio()) + "× (" + f0(median(first.throughputs)) + " vs " + f0(median(second.throughputs)) + " req/s";
    }

    String roundRatios() {
        return "round ratios " + range(ratios, 2);
    }
}
