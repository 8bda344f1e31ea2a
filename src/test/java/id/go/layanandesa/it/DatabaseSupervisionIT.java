package id.go.layanandesa.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded PostgreSQL dies under the running service (its postmaster killed): calls answer 503 with
 * Retry-After at once while it is away, readiness is down, the service starts it again and serves as before,
 * with every acknowledged filing still there. When it cannot be started again within the allowed attempts,
 * liveness goes down too.
 */
class DatabaseSupervisionIT {

    static Http.Reply awaitReply(ServiceProcess service, String path, Predicate<Http.Reply> wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Http.Reply last = null;
        while (System.nanoTime() < deadline) {
            last = Http.get(service.url(path), null);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " last answered " + (last == null ? "nothing" : last.status() + " " + last.body())
                + "\n" + service.output());
    }

    static void killPostmaster(Path data) throws Exception {
        ProcessHandle postmaster = ProcessHandle.of(DeskOfficer.postmasterPid(data)).orElseThrow();
        assertTrue(postmaster.destroyForcibly(), "kill -9 of the postmaster");
    }

    @Test
    void theServiceStartsItsPostgreSQLAgainAndSaysWhenItCannot() throws Exception {
        Path work = Files.createTempDirectory("layanan-supervised");
        Path data = work.resolve("data");
        Path config = data.resolve("pg/postgresql.conf");
        Path hidden = data.resolve("postgresql.conf.away");
        try (ServiceProcess service = ServiceProcess.start("supervised", Map.of("layanan.data-dir", data.toString(),
                "layanan.embedded-db.restart-attempts", "4", "layanan.embedded-db.restart-delay", "PT0.5S"), Map.of(), work)) {
            DeskOfficer officer;
            try (Connection c = DeskOfficer.connect(data, false)) {
                officer = DeskOfficer.create(c, data);
            }
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean filing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<List<Integer>> statuses = pool.submit(() -> {
                List<Integer> seen = new ArrayList<>();
                while (filing.get()) {
                    Http.Reply r = officer.file(service);
                    seen.add(r.status());
                    if (r.status() == 201) {
                        acknowledged.add(r.body().get("trackingCode").asText());
                    }
                }
                return seen;
            });
            Thread.sleep(500);

            // While its configuration is away PostgreSQL cannot start: the outage lasts until it is back.
            Files.move(config, hidden);
            killPostmaster(data);
            Http.Reply away = awaitReply(service, "/api/v1/tracking/ZZZZ-ZZZZ-ZZ", r -> r.status() == 503, Duration.ofSeconds(30));
            assertEquals("application/problem+json", away.raw().headers().firstValue("Content-Type").orElse(""));
            assertEquals("SERVICE_UNAVAILABLE", away.body().get("code").asText());
            String retryAfter = away.raw().headers().firstValue("Retry-After").orElse(null);
            assertNotNull(retryAfter, "503 says when to retry");
            assertTrue(Integer.parseInt(retryAfter) >= 1, retryAfter);
            long started = System.nanoTime();
            Http.Reply quick = Http.get(service.url("/api/v1/tracking/ZZZZ-ZZZZ-ZZ"), null);
            System.out.printf("503 while the database is away answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertEquals(503, quick.status());
            assertEquals(503, Http.get(service.url("/q/health/ready"), null).status(), "not ready while it is away");
            assertEquals(200, Http.get(service.url("/q/health/live"), null).status(), "still live while it is being restarted");

            Files.move(hidden, config);
            awaitReply(service, "/q/health/ready", r -> r.status() == 200, Duration.ofSeconds(60));
            Thread.sleep(1000);
            filing.set(false);
            List<Integer> seen = statuses.get(60, TimeUnit.SECONDS);
            pool.shutdown();
            assertTrue(seen.contains(503), "filings were refused with 503 while it was away: " + seen);
            assertEquals(201, seen.get(seen.size() - 1), "filing works again: " + seen);
            String again = officer.fileOne(service);
            // every acknowledged filing is in the database (read directly: public tracking is rate-limited per client)
            try (Connection c = DeskOfficer.connect(data, false);
                 java.sql.PreparedStatement kept = c.prepareStatement("select tracking_code from service_request where tracking_code = any(?)")) {
                kept.setArray(1, c.createArrayOf("varchar", acknowledged.toArray()));
                java.util.Set<String> found = new java.util.HashSet<>();
                try (java.sql.ResultSet rs = kept.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                for (String code : acknowledged) {
                    assertTrue(found.contains(code), "acknowledged filing " + code + " was kept");
                }
            }
            assertTrue(DeskOfficer.tracked(service, again));
            assertTrue(service.output().contains("the embedded PostgreSQL is running again"), service.output());

            // Now it stays away: after the allowed attempts the service is no longer live.
            Files.move(config, hidden);
            killPostmaster(data);
            awaitReply(service, "/q/health/live", r -> r.status() == 503, Duration.ofSeconds(60));
            Http.Reply failed = Http.get(service.url("/api/v1/tracking/" + again), null);
            assertEquals(503, failed.status());
            assertEquals("SERVICE_UNAVAILABLE", failed.body().get("code").asText());
            assertFalse(failed.raw().headers().firstValue("Retry-After").isPresent(), "no point in retrying this process");
            assertEquals(503, Http.get(service.url("/q/health/ready"), null).status());
            assertTrue(service.output().contains("could not be started again after 4 attempts"), service.output());
            Files.move(hidden, config);
            assertEquals(0, service.stop(), "the stop is still clean");
        }
    }
}
