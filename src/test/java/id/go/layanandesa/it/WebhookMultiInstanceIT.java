package id.go.layanandesa.it;

import com.fasterxml.jackson.databind.JsonNode;
import id.go.layanandesa.support.WebhookReceiver;
import id.go.layanandesa.support.WebhookReceiver.Arrival;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two packaged instances on one PostgreSQL send the same outbox: every attempt goes out once (the receiver counts
 * exactly the attempts the delivery log records), every event is taken once, and a request's events arrive in
 * order although they were made on different instances.
 */
class WebhookMultiInstanceIT {

    static WebhookInstances shared;
    static ServiceProcess a;
    static ServiceProcess b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        shared = new WebhookInstances("webhooks-multi");
        a = shared.start("wh-a", true, Map.of());
        b = shared.start("wh-b", false, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        Started.stopAll(a, b, shared);
    }

    @Test
    void twoInstancesSendEveryAttemptOnceAndEachRequestsEventsInOrder() throws Exception {
        // every third event is refused once: its second attempt must come once too
        try (WebhookReceiver receiver = WebhookReceiver.start(x -> x.seen == 0 && Math.floorMod(x.id.hashCode(), 3) == 0 ? 500 : 200)) {
            String admin = shared.token("wh-admin", "ADMIN", null, null);
            Http.Reply subscribed = Http.post(a.url("/api/v1/webhook-subscriptions"), admin,
                    Map.of("url", receiver.url("/both"), "eventTypes", List.of("FILED", "ACCEPTED")));
            assertEquals(201, subscribed.status(), String.valueOf(subscribed.body()));
            long subscription = subscribed.body().get("id").asLong();
            String secret = subscribed.body().get("secret").asText();

            long serviceType = shared.single("select id from service_type where kabupaten_code = '73.24' and code = 'AKTA_KELAHIRAN'");
            List<String> desas = List.of("73.24.01.2001", "73.24.06.2001");
            Map<String, String> filers = new HashMap<>();
            for (String desa : desas) {
                filers.put(desa, shared.token("wh-filer-" + desa, "DESA_OFFICER", desa, null));
            }
            long disdukcapil = shared.opd("DISDUKCAPIL");
            String officer = shared.token("wh-officer", "OPD_OFFICER", null, disdukcapil);

            int total = 40;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Long>> filed = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                ServiceProcess files = i % 2 == 0 ? a : b;
                ServiceProcess accepts = i % 2 == 0 ? b : a;
                String filer = filers.get(desas.get(i % desas.size()));
                filed.add(pool.submit(() -> {
                    Http.Reply r = Http.post(files.url("/api/v1/requests"), filer, WebhookInstances.filing(serviceType));
                    assertEquals(201, r.status(), String.valueOf(r.body()));
                    long id = r.body().get("id").asLong();
                    Http.Reply accepted = Http.post(accepts.url("/api/v1/queue/requests/" + id + "/accept"), officer,
                            Map.of(), Map.of("If-Match", "\"0\""));
                    assertEquals(200, accepted.status(), String.valueOf(accepted.body()));
                    return id;
                }));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> f : filed) {
                ids.add(f.get(5, TimeUnit.MINUTES));
            }
            pool.shutdown();

            receiver.await(all -> ids.stream().allMatch(id -> all.stream().filter(x -> x.requestId() == id && x.delivered()).count() == 2),
                    Duration.ofMinutes(2));
            // the log records the last answer after it came: wait for it too
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (shared.single("select count(*) from webhook_delivery where subscription_id = " + subscription + " and state <> 'DELIVERED'") > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            Map<String, Integer> attemptsById = new HashMap<>();
            try (Connection c = shared.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select event_id, state, attempts from webhook_delivery where subscription_id = " + subscription)) {
                while (rs.next()) {
                    assertEquals("DELIVERED", rs.getString("state"));
                    attemptsById.put("evt_" + rs.getLong("event_id"), rs.getInt("attempts"));
                }
            }
            assertEquals(2 * total, attemptsById.size(), "one delivery per event");
            List<Arrival> arrivals = receiver.arrivals();
            Map<String, Long> received = new HashMap<>();
            arrivals.forEach(x -> received.merge(x.id, 1L, Long::sum));
            List<String> mismatches = new ArrayList<>();
            attemptsById.forEach((id, attempts) -> {
                if (received.getOrDefault(id, 0L) != attempts.longValue()) {
                    mismatches.add(id + ": " + attempts + " attempts recorded, " + received.get(id) + " received");
                }
            });
            assertEquals(List.of(), mismatches, "every attempt went out once, from one instance");
            assertTrue(arrivals.stream().anyMatch(x -> x.status == 500), "some first attempts were refused");
            for (long id : ids) {
                List<Arrival> mine = receiver.arrivals(id);
                List<Arrival> taken = mine.stream().filter(Arrival::delivered).toList();
                assertEquals(List.of("FILED", "ACCEPTED"), taken.stream().map(Arrival::type).toList(), "request " + id);
                long acceptedFirstSent = mine.stream().filter(x -> x.type().equals("ACCEPTED")).mapToLong(x -> x.arrivedNanos).min().orElseThrow();
                assertTrue(acceptedFirstSent >= taken.get(0).answeredNanos, "request " + id + ": ACCEPTED went before FILED was taken");
                for (Arrival x : mine) {
                    x.verify(secret);
                }
            }
            JsonNode one = arrivals.get(0).json.path("data");
            assertTrue(one.path("citizen").isMissingNode(), "no personal data without consent");
        }
    }
}
