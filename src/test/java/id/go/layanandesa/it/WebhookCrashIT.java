package id.go.layanandesa.it;

import id.go.layanandesa.support.WebhookReceiver;
import id.go.layanandesa.support.WebhookReceiver.Arrival;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * kill -9 loses no event: a change committed before the kill is delivered after the restart, whether no attempt
 * had been made yet or the attempt was cut off while the receiver was answering.
 */
class WebhookCrashIT {

    @Test
    void aChangeCommittedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        try (WebhookInstances shared = new WebhookInstances("webhooks-crash-commit"); WebhookReceiver receiver = WebhookReceiver.accepting()) {
            // the first run commits the change and its delivery, but sends nothing before it is killed
            ServiceProcess first = shared.start("wh-crash-1", true, Map.of("layanan.webhooks.dispatch", "false"));
            long subscription;
            long request;
            try (first) {
                subscription = subscribe(shared, first, receiver);
                request = file(shared, first);
                assertEquals(1, shared.single("select count(*) from webhook_delivery where subscription_id = " + subscription
                        + " and request_id = " + request + " and state = 'PENDING' and attempts = 0"), "queued with the change");
                first.kill();
            }
            assertEquals(List.of(), receiver.arrivals());
            try (ServiceProcess second = shared.start("wh-crash-1b", false, Map.of())) {
                receiver.await(a -> a.stream().anyMatch(x -> x.requestId() == request && x.delivered()), Duration.ofMinutes(1));
                awaitDelivered(shared, subscription, request);
                assertEquals(1, shared.single("select attempts from webhook_delivery where subscription_id = " + subscription
                        + " and request_id = " + request));
            }
        }
    }

    @Test
    void anAttemptCutOffByAKillIsSentAgainAfterTheRestart() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        try (WebhookInstances shared = new WebhookInstances("webhooks-crash-attempt");
             WebhookReceiver receiver = WebhookReceiver.start(a -> {
                 if (a.seen == 0) {
                     released.await(2, TimeUnit.MINUTES);
                 }
                 return 200;
             })) {
            ServiceProcess first = shared.start("wh-crash-2", true, Map.of());
            long subscription;
            long request;
            try (first) {
                subscription = subscribe(shared, first, receiver);
                request = file(shared, first);
                // the attempt is under way: the receiver has the event and has not answered
                receiver.await(a -> a.stream().anyMatch(x -> x.requestId() == request), Duration.ofMinutes(1));
                first.kill();
            } finally {
                released.countDown();
            }
            assertEquals(1, shared.single("select count(*) from webhook_delivery where subscription_id = " + subscription
                    + " and request_id = " + request + " and state = 'PENDING' and attempts = 1"), "the cut attempt is not lost");
            try (ServiceProcess second = shared.start("wh-crash-2b", false, Map.of())) {
                // the first arrival's handler also returns (to a connection the kill closed): wait for the second one
                List<Arrival> arrivals = receiver.await(a -> a.stream().filter(x -> x.requestId() == request).count() >= 2
                        && a.stream().anyMatch(x -> x.requestId() == request && x.delivered()), Duration.ofMinutes(1));
                List<Arrival> mine = arrivals.stream().filter(x -> x.requestId() == request).toList();
                assertEquals(2, mine.size());
                assertEquals(mine.get(0).id, mine.get(1).id, "the same event, sent again");
                assertEquals(mine.get(0).body, mine.get(1).body);
                awaitDelivered(shared, subscription, request);
                assertEquals(2, shared.single("select attempts from webhook_delivery where subscription_id = " + subscription
                        + " and request_id = " + request));
            }
        }
    }

    private static long subscribe(WebhookInstances shared, ServiceProcess service, WebhookReceiver receiver) throws Exception {
        Http.Reply r = Http.post(service.url("/api/v1/webhook-subscriptions"), shared.token("crash-admin", "ADMIN", null, null),
                Map.of("url", receiver.url("/crash"), "eventTypes", List.of("FILED")));
        assertEquals(201, r.status(), String.valueOf(r.body()));
        return r.body().get("id").asLong();
    }

    private static long file(WebhookInstances shared, ServiceProcess service) throws Exception {
        long serviceType = shared.single("select id from service_type where kabupaten_code = '73.24' and code = 'AKTA_KELAHIRAN'");
        Http.Reply r = Http.post(service.url("/api/v1/requests"), shared.token("crash-filer", "DESA_OFFICER", "73.24.01.2001", null),
                WebhookInstances.filing(serviceType));
        assertEquals(201, r.status(), String.valueOf(r.body()));
        return r.body().get("id").asLong();
    }

    private static void awaitDelivered(WebhookInstances shared, long subscription, long request) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (shared.single("select count(*) from webhook_delivery where subscription_id = " + subscription + " and request_id = "
                    + request + " and state = 'DELIVERED'") == 1) {
                return;
            }
            Thread.sleep(100);
        }
        fail("delivery of request " + request + " was not recorded as delivered");
    }
}
