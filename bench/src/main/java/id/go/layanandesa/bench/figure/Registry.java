package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Step;

import java.util.List;

import static id.go.layanandesa.bench.Stage.AFTER;
import static id.go.layanandesa.bench.Stage.FRESH;
import static id.go.layanandesa.bench.Stage.LARGE;
import static id.go.layanandesa.bench.Stage.SMALL;

/**
 * Every figure of docs/benchmarks.md, in the order a run measures them; the report lists them in the
 * order of their first line here. A new figure is a class implementing {@code Figure} and a line here at
 * the stage it measures at (a line per stage when it compares two). The order matters: on a shared
 * machine each figure warms the service's JIT up for the next.
 */
public final class Registry {

    private Registry() {
    }

    public static List<Step> plan() {
        ListingAtScale listing = new ListingAtScale();
        FilingVsJdbc filing = new FilingVsJdbc();
        StatisticsAtScale statistics = new StatisticsAtScale();
        return List.of(
                new Step(FRESH, new NationalImport()),
                // on the fresh data folder: it warms its own path up, and the size of the tables does not enter a file's path
                new Step(FRESH, new UploadThroughput()),
                new Step(SMALL, listing),
                new Step(SMALL, new ConfigurationReapply()),
                new Step(SMALL, new AccountCsvImport()),
                new Step(SMALL, statistics),
                new Step(SMALL, new PollVsPage()),
                new Step(SMALL, new AuthenticatedVsRefused()),
                new Step(SMALL, new PollVsMe()),
                new Step(SMALL, new ClaimVsSkipLocked()),
                new Step(SMALL, new LongPollWakeUp()),
                // last at 10k: the paths above warm the shared code up further first
                new Step(SMALL, filing),
                new Step(SMALL, new WebhookDelivery()),
                new Step(LARGE, filing),
                new Step(LARGE, listing),
                new Step(LARGE, statistics),
                new Step(AFTER, new MemoryAfterRun()),
                new Step(AFTER, new StartToReady()),
                // last: it restarts the service with the audit of reads off and on
                new Step(AFTER, new AuditOverhead()));
    }
}
