package id.go.layanandesa.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Drives load: concurrent workers for a time, calls one after the other, or workers until they are done. */
public final class Load {

    /** One operation of a timed worker. */
    public interface Op {
        boolean run(int worker) throws Exception;
    }

    /** One call of a sequential round. */
    public interface Call {
        Object run() throws Exception;
    }

    /** A worker that runs until its work is done. */
    public interface Worker {
        void run(int worker) throws Exception;
    }

    private final Log log;

    Load(Log log) {
        this.log = log;
    }

    /** {@code concurrency} workers run {@code op} in a loop for {@code seconds}; counts what finished in time. */
    public Result timed(int concurrency, int seconds, Op op) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<long[]> perWorker = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            threads.add(Thread.ofVirtual().start(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (!stop.get()) {
                    long s = System.nanoTime();
                    try {
                        op.run(worker);
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                        if (errors.size() < 5) {
                            errors.add(e);
                        }
                        continue;
                    }
                    long f = System.nanoTime();
                    if (f > end) {
                        break;
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = f - s;
                    done.incrementAndGet();
                }
                perWorker.add(Arrays.copyOf(lat, n));
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            errors.forEach(e -> log.say("  error: " + e));
            if (failures.get() > done.get() / 100) {
                throw new IllegalStateException(failures.get() + " operations failed", errors.get(0));
            }
        }
        long[] all = perWorker.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(done.get(), seconds * 1_000_000_000L, all);
    }

    /** {@code n} calls one after the other, or fewer when {@code maxSeconds} run out first. */
    public Result sequential(int n, int maxSeconds, Call call) throws Exception {
        long[] lat = new long[n];
        long t0 = System.nanoTime();
        long end = t0 + maxSeconds * 1_000_000_000L;
        int done = 0;
        while (done < n && (done < 10 || System.nanoTime() < end)) {
            long s = System.nanoTime();
            call.run();
            lat[done++] = System.nanoTime() - s;
        }
        return new Result(done, System.nanoTime() - t0, Arrays.copyOf(lat, done));
    }

    /** {@code n} workers, each until it returns; the first failure is thrown. */
    public void runWorkers(int n, Worker worker) throws Exception {
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int w = i;
                futures.add(exec.submit(() -> {
                    worker.run(w);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }
}
