package id.go.layanandesa.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import id.go.layanandesa.message.CitizenMessages;
import id.go.layanandesa.sla.OverdueCheck;
import id.go.layanandesa.support.Db;
import id.go.layanandesa.support.StandardsKabupaten;
import id.go.layanandesa.support.TestClock;
import id.go.layanandesa.support.TestHostResolver;
import id.go.layanandesa.support.WebhookReceiver;
import id.go.layanandesa.support.WebhookReceiver.Arrival;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static id.go.layanandesa.webhook.WebhookFlows.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** Events leave the service to a real HTTP receiver: signed, complete, in order, again after failures, and only to whom they may go. */
@QuarkusTest
class WebhookDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Inject
    OverdueCheck overdueCheck;

    @Inject
    WebhookDispatcher dispatcher;

    @AfterEach
    void unsubscribe() {
        StandardsKabupaten.realTime();
        clock.reset();
        TestHostResolver.clear();
        unsubscribeAll();
        Db.exec("delete from citizen_message_template");
    }

    @Test
    void everyChangeArrivesOnceSignedAsStandardWebhooksAndWithTheCitizensMessage() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            JsonPath sub = subscribe(receiver.url("/hooks/layanan"), Map.of("description", "dashboard"));
            String secret = sub.getString("secret");
            assertTrue(secret.startsWith("whsec_"), secret);

            long id = wholeLife(DESA);
            List<Arrival> arrivals = receiver.await(a -> a.stream().filter(x -> x.requestId() == id).count() >= 6, WAIT);
            List<Arrival> mine = arrivals.stream().filter(x -> x.requestId() == id).toList();
            assertEquals(WHOLE_LIFE, mine.stream().map(Arrival::type).toList(), "every change, in order");

            String tracking = (String) Db.single("select tracking_code from service_request where id = ?1", id);
            for (Arrival a : mine) {
                a.verify(secret);
                assertEquals("evt_" + a.json.path("data").path("eventId").asLong(), a.id);
                assertEquals("application/json", a.header("content-type"));
                assertEquals(1, a.header("webhook-signature").split(" ").length, "one secret, one signature");
                JsonNode data = a.json.path("data");
                assertEquals(tracking, data.path("trackingCode").asText());
                assertEquals("73.24.07.2001", data.path("desa").path("code").asText());
                assertEquals("Burau", data.path("desa").path("name").asText());
                assertEquals("AKTA_KELAHIRAN", data.path("serviceType").path("code").asText());
                assertTrue(data.path("citizen").isMissingNode(), "no personal data without the subscription's consent: " + a.body);
                assertFalse(a.body.contains("Siti Rahmawati") || a.body.contains("81234567890"), a.body);
                assertFalse(a.body.contains("internal:"), "internal notes stay inside: " + a.body);
            }
            // a changed body or a signature made with another secret does not verify
            Arrival first = mine.get(0);
            assertThrows(WebhookVerificationException.class, () -> new com.standardwebhooks.Webhook(secret)
                    .verify(first.body.replace(tracking, "AAAA-BBBB-CC"), first.headers));
            assertThrows(WebhookVerificationException.class, () -> first.verify(WebhookSecrets.generate()));

            JsonNode filed = mine.get(0).json.path("data");
            String service = filed.path("serviceType").path("name").asText();
            assertEquals("Penerbitan Akta Kelahiran", service);
            assertTrue(filed.path("fromStatus").isMissingNode());
            assertEquals("SUBMITTED", filed.path("toStatus").asText());
            assertEquals("DESA_OFFICER", filed.path("actorKind").asText());
            assertEquals("Permohonan " + service + " Anda (" + tracking + ") sudah diterima dan diteruskan ke "
                    + filed.path("toOpd").path("name").asText() + ". Perkiraan selesai "
                    + CitizenMessages.tanggal(LocalDate.parse(filed.path("dueDate").asText())) + ".",
                    filed.path("citizenMessage").asText());
            JsonNode asked = mine.get(2).json.path("data");
            assertEquals("NEEDS_INFO", asked.path("toStatus").asText());
            assertEquals("Fotokopi buku nikah orang tua", asked.path("publicNote").asText());
            assertEquals("Permohonan " + service + " Anda (" + tracking + ") perlu dilengkapi: Fotokopi buku nikah orang tua. "
                    + "Silakan ke kantor desa.", asked.path("citizenMessage").asText());
            JsonNode completed = mine.get(5).json.path("data");
            assertEquals("Permohonan " + service + " Anda (" + tracking + ") sudah selesai. Akta dapat diambil di kantor desa mulai Senin.",
                    completed.path("citizenMessage").asText());

            // the delivery log tells the same, once the last answer is recorded
            awaitDelivery(sub.getLong("id"), id, d -> "COMPLETED".equals(d.get("eventType")) && "DELIVERED".equals(d.get("state")));
            JsonPath log = deliveries(sub.getLong("id"));
            List<Map<String, Object>> items = log.getList("items");
            List<Map<String, Object>> ofRequest = items.stream().filter(d -> ((Number) d.get("requestId")).longValue() == id).toList();
            assertEquals(6, ofRequest.size());
            for (Map<String, Object> d : ofRequest) {
                assertEquals("DELIVERED", d.get("state"));
                assertEquals(1, d.get("attempts"));
                assertEquals(200, d.get("responseStatus"));
                assertNotNull(d.get("latencyMs"));
                assertNull(d.get("nextAttemptAt"));
                assertFalse(d.containsKey("payload"), "lists do not carry bodies");
            }
            List<String> newestFirst = new java.util.ArrayList<>(WHOLE_LIFE);
            java.util.Collections.reverse(newestFirst);
            assertEquals(newestFirst, ofRequest.stream().map(d -> d.get("eventType")).toList(), "the log is newest first");
            long deliveryId = ((Number) ofRequest.get(3).get("id")).longValue();
            given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + sub.getLong("id") + "/deliveries/" + deliveryId)
                    .then().statusCode(200)
                    .body("messageId", is(mine.get(2).id))
                    .body("payload.type", is("INFO_REQUESTED"))
                    .body("payload.data.citizenMessage", is(asked.path("citizenMessage").asText()));
        }
    }

    @Test
    void theCitizensNameAndPhoneGoOnlyToSubscriptionsAllowedPersonalData() throws Exception {
        try (WebhookReceiver gateway = WebhookReceiver.accepting(); WebhookReceiver dashboard = WebhookReceiver.accepting()) {
            subscribe(gateway.url("/wa"), Map.of("personalData", true, "eventTypes", List.of("FILED")));
            subscribe(dashboard.url("/dashboard"), Map.of("personalData", false, "eventTypes", List.of("FILED")));
            long id = file(DESA).getLong("id");
            Arrival withData = gateway.await(a -> a.stream().anyMatch(x -> x.requestId() == id), WAIT).stream()
                    .filter(x -> x.requestId() == id).findFirst().orElseThrow();
            Arrival without = dashboard.await(a -> a.stream().anyMatch(x -> x.requestId() == id), WAIT).stream()
                    .filter(x -> x.requestId() == id).findFirst().orElseThrow();
            assertEquals("Siti Rahmawati", withData.json.path("data").path("citizen").path("name").asText());
            assertEquals("+6281234567890", withData.json.path("data").path("citizen").path("phone").asText());
            assertTrue(without.json.path("data").path("citizen").isMissingNode());
            assertFalse(without.body.contains("Siti") || without.body.contains("6281234567890"), without.body);
            assertFalse(without.body.contains("7324044107900001") || withData.body.contains("7324044107900001"), "never the NIK");
            assertEquals(withData.id, without.id, "the same event");
            assertEquals(withData.json.path("data").path("citizenMessage"), without.json.path("data").path("citizenMessage"));
        }
    }

    @Test
    void filtersByEventTypeAndServiceLeaveOutWhatASubscriptionDoesNotWant() throws Exception {
        try (WebhookReceiver all = WebhookReceiver.accepting(); WebhookReceiver completions = WebhookReceiver.accepting();
             WebhookReceiver ktp = WebhookReceiver.accepting()) {
            long akta = Db.serviceType(KABUPATEN, "AKTA_KELAHIRAN");
            long ktpBaru = Db.serviceType(KABUPATEN, "KTP_BARU");
            subscribe(all.url("/all"), Map.of());
            long onlyCompleted = subscribe(completions.url("/done"), Map.of("eventTypes", List.of("COMPLETED"),
                    "serviceTypeIds", List.of(akta))).getLong("id");
            long onlyKtp = subscribe(ktp.url("/ktp"), Map.of("serviceTypeIds", List.of(ktpBaru))).getLong("id");
            long id = wholeLife(DESA);
            all.await(a -> a.stream().filter(x -> x.requestId() == id).count() == 6, WAIT);
            List<Arrival> done = completions.await(a -> a.stream().anyMatch(x -> x.requestId() == id), WAIT);
            assertEquals(List.of("COMPLETED"), done.stream().filter(x -> x.requestId() == id).map(Arrival::type).toList());
            // deliveries are written with the change: once the first subscription has all six, the others have what they get
            assertEquals(1, Db.count("select count(*) from webhook_delivery where subscription_id = ?1 and request_id = ?2", onlyCompleted, id));
            assertEquals(0, Db.count("select count(*) from webhook_delivery where subscription_id = ?1", onlyKtp));
        }
    }

    @Test
    void anOpdSystemReceivesWhatItsOpdHasOrHadAndNothingElse() throws Exception {
        long disdukcapil = id.go.layanandesa.support.TestAccounts.opd(KABUPATEN, "DISDUKCAPIL");
        long dinsos = id.go.layanandesa.support.TestAccounts.opd(KABUPATEN, "DINSOS");
        try (WebhookReceiver kabupaten = WebhookReceiver.accepting(); WebhookReceiver siak = WebhookReceiver.accepting();
             WebhookReceiver sosial = WebhookReceiver.accepting()) {
            subscribe(kabupaten.url("/all"), Map.of());
            JsonPath siakSub = subscribe(id.go.layanandesa.support.AuthFixtures.apiKey(disdukcapil), siak.url("/siak"), Map.of());
            assertEquals(disdukcapil, siakSub.getLong("opdId"));
            subscribe(id.go.layanandesa.support.AuthFixtures.apiKey(dinsos), sosial.url("/dinsos"), Map.of());

            long moved = file(DESA).getLong("id");
            opd(moved, "forward", Map.of("toOpdId", dinsos, "reason", "bukan kewenangan kami"));
            opd(moved, "accept", Map.of());
            opd(moved, "complete", Map.of("resultNote", "selesai"));
            long stayed = file(OTHER_DESA).getLong("id");
            opd(stayed, "accept", Map.of());

            kabupaten.await(a -> a.stream().filter(x -> x.requestId() == moved).count() == 4
                    && a.stream().filter(x -> x.requestId() == stayed).count() == 2, WAIT);
            siak.await(a -> a.size() >= 4, WAIT);
            sosial.await(a -> a.size() >= 3, WAIT);
            assertEquals(List.of("FILED", "FORWARDED"), siak.arrivals(moved).stream().map(Arrival::type).toList(),
                    "Disdukcapil hears of the request until it leaves");
            assertEquals(List.of("FILED", "ACCEPTED"), siak.arrivals(stayed).stream().map(Arrival::type).toList());
            assertEquals(List.of("FORWARDED", "ACCEPTED", "COMPLETED"), sosial.arrivals(moved).stream().map(Arrival::type).toList(),
                    "Dinas Sosial hears of it from when it arrives");
            assertEquals(List.of(), sosial.arrivals(stayed));
            assertEquals(7, siak.arrivals().size() + sosial.arrivals().size());
        }
    }

    @Test
    void aFailedAttemptIsTriedAgainAfterGrowingWaitsUntilItIsTaken() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(a -> a.seen < 3 ? 500 : 200)) {
            long sub = subscribe(receiver.url("/flaky"), Map.of("eventTypes", List.of("FILED"))).getLong("id");
            long id = file(DESA).getLong("id");
            List<Arrival> arrivals = receiver.await(a -> a.stream().anyMatch(Arrival::delivered), WAIT);
            assertEquals(List.of(500, 500, 500, 200), arrivals.stream().map(a -> a.status).toList());
            assertEquals(1, arrivals.stream().map(a -> a.id).distinct().count(), "one event, one webhook-id on every attempt");
            assertEquals(1, arrivals.stream().map(a -> a.body).distinct().count(), "the same body on every attempt");
            // waits of 0.2 s doubling, half of each random: at least 0.1, 0.2, 0.4 s
            long[] atLeastMillis = {100, 200, 400};
            for (int i = 0; i < 3; i++) {
                long waited = (arrivals.get(i + 1).arrivedNanos - arrivals.get(i).answeredNanos) / 1_000_000;
                assertTrue(waited >= atLeastMillis[i], "wait " + (i + 1) + " was " + waited + " ms, less than " + atLeastMillis[i]);
            }
            Map<String, Object> delivery = awaitDelivery(sub, id, d -> "DELIVERED".equals(d.get("state")));
            assertEquals("DELIVERED", delivery.get("state"));
            assertEquals(4, delivery.get("attempts"));
            assertEquals(200, delivery.get("responseStatus"));
            assertFalse(delivery.containsKey("error"), "the last attempt succeeded: " + delivery);
        }
    }

    @Test
    void attemptsThatTimeOutAreTriedAgainAfterGrowingWaitsUntilOneIsTaken() throws Exception {
        int timeouts = 3;
        CountDownLatch released = new CountDownLatch(1);
        // the service's clock stands still but for the test's moves: each wait it schedules is read exactly from the log
        clock.pin(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        try (WebhookReceiver receiver = WebhookReceiver.start(a -> {
            if (a.seen < timeouts) {
                // longer than layanan.webhooks.timeout (3 s in tests): the service gives up on the attempt first
                released.await(30, TimeUnit.SECONDS);
                return 503;
            }
            return 200;
        })) {
            long sub = subscribe(receiver.url("/hangs-at-first"), Map.of("eventTypes", List.of("FILED"))).getLong("id");
            long id = file(DESA).getLong("id");
            List<Map<String, Object>> timedOut = new java.util.ArrayList<>();
            List<Long> movedOnNanos = new java.util.ArrayList<>();
            for (int attempt = 1; attempt <= timeouts; attempt++) {
                int n = attempt;
                // recorded: this attempt's end is in the log and the next one is scheduled after it
                Map<String, Object> d = awaitDelivery(sub, id, x -> ((Number) x.get("attempts")).intValue() == n && x.get("nextAttemptAt") != null
                        && Instant.parse((String) x.get("nextAttemptAt")).isAfter(Instant.parse((String) x.get("lastAttemptAt"))));
                assertEquals("PENDING", d.get("state"), d.toString());
                assertEquals("timed out after 3000 ms", d.get("error"), d.toString());
                assertFalse(d.containsKey("responseStatus"), "no answer came: " + d);
                assertEquals(3000, d.get("latencyMs"), d.toString());
                assertFalse(d.containsKey("deliveredAt"), d.toString());
                assertEquals(n, receiver.arrivals(id).size(), "one arrival per attempt so far");
                timedOut.add(d);
                // time moves on to the scheduled attempt, and not further
                movedOnNanos.add(System.nanoTime());
                clock.advance(Duration.between(clock.instant(), Instant.parse((String) d.get("nextAttemptAt"))));
            }
            Map<String, Object> delivered = awaitDelivery(sub, id, d -> "DELIVERED".equals(d.get("state")));
            assertEquals(timeouts + 1, delivered.get("attempts"));
            assertEquals(200, delivered.get("responseStatus"));
            assertFalse(delivered.containsKey("error"), "the last attempt succeeded: " + delivered);
            assertFalse(delivered.containsKey("nextAttemptAt"), delivered.toString());

            // the waits: 0.2 s doubling up to 1 s (the test profile), half of each random, so each at least as long as any before it
            long[] base = {200, 400, 800};
            long previous = 0;
            for (int i = 0; i < timeouts; i++) {
                Instant attemptAt = Instant.parse((String) timedOut.get(i).get("lastAttemptAt"));
                Instant next = Instant.parse((String) timedOut.get(i).get("nextAttemptAt"));
                Instant nextAttemptAt = Instant.parse((String) (i + 1 < timeouts ? timedOut.get(i + 1) : delivered).get("lastAttemptAt"));
                long wait = Duration.between(attemptAt, next).toMillis();
                assertTrue(wait >= base[i] / 2 && wait <= base[i], "wait " + (i + 1) + " was " + wait + " ms, not within " + base[i] / 2 + "–" + base[i]);
                assertTrue(wait >= previous, "wait " + (i + 1) + " (" + wait + " ms) is shorter than the one before (" + previous + " ms)");
                assertEquals(next, nextAttemptAt, "attempt " + (i + 2) + " went when it was due");
                previous = wait;
            }
            assertEquals(Instant.parse((String) timedOut.get(0).get("lastAttemptAt")),
                    Instant.parse((String) delivered.get("firstAttemptAt")));

            List<Arrival> arrivals = receiver.arrivals(id);
            assertEquals(timeouts + 1, arrivals.size(), "three attempts that hung and the one that was taken");
            assertEquals(1, arrivals.stream().filter(Arrival::delivered).count(), "taken once");
            assertEquals(200, arrivals.get(timeouts).status);
            assertEquals(1, arrivals.stream().map(a -> a.id).distinct().count(), "one event, one webhook-id on every attempt");
            assertEquals(1, arrivals.stream().map(a -> a.body).distinct().count(), "the same body on every attempt");
            for (int i = 1; i < arrivals.size(); i++) {
                assertTrue(arrivals.get(i).arrivedNanos > movedOnNanos.get(i - 1), "attempt " + (i + 1) + " came before it was due");
            }
        } finally {
            released.countDown();
        }
    }

    @Test
    void aHangingReceiverHoldsUpNoOtherSubscriptionAndHasAtMostItsShareOfAttemptsOpen() throws Exception {
        int requests = 8;
        java.util.concurrent.CountDownLatch othersDone = new java.util.concurrent.CountDownLatch(1);
        try (WebhookReceiver hanging = WebhookReceiver.start(a -> {
            othersDone.await(20, java.util.concurrent.TimeUnit.SECONDS);
            return 200;
        }); WebhookReceiver quick = WebhookReceiver.accepting()) {
            long slowSub = subscribe(hanging.url("/hangs"), Map.of("eventTypes", List.of("FILED"))).getLong("id");
            subscribe(quick.url("/quick"), Map.of("eventTypes", List.of("FILED")));
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                ids.add(file(DESA).getLong("id"));
            }
            // every event reaches the quick receiver while the hanging one holds its first attempts open
            quick.await(a -> ids.stream().allMatch(id -> a.stream().anyMatch(x -> x.requestId() == id && x.delivered())), WAIT);
            assertEquals(4, hanging.maxOpen(), "at most layanan.webhooks.max-in-flight-per-subscription attempts open to one subscription");
            othersDone.countDown();
            hanging.await(a -> ids.stream().allMatch(id -> a.stream().anyMatch(x -> x.requestId() == id && x.delivered())), WAIT);
            awaitLog(slowSub, log -> log.size() == requests && log.stream().allMatch(d -> "DELIVERED".equals(d.get("state"))));
            List<Map<String, Object>> log = deliveries(slowSub).getList("items");
            assertEquals(requests, log.size());
            assertTrue(log.stream().allMatch(d -> ((Number) d.get("attempts")).intValue() == 1),
                    "the hanging receiver's first attempts were answered in time, once the quick one had everything: " + log);
        } finally {
            othersDone.countDown();
        }
    }

    @Test
    void aRequestsEventsArriveInOrderAlthoughAttemptsFail() throws Exception {
        java.util.Random random = new java.util.Random(15);
        try (WebhookReceiver receiver = WebhookReceiver.start(a -> {
            synchronized (random) {
                return random.nextInt(3) == 0 ? 500 : 200;
            }
        })) {
            subscribe(receiver.url("/ordered"), Map.of());
            List<Long> ids = List.of(wholeLife(DESA), wholeLife(OTHER_DESA), wholeLife(DESA));
            receiver.await(a -> ids.stream().allMatch(id -> a.stream().filter(x -> x.requestId() == id && x.delivered()).count() == 6), WAIT);
            for (long id : ids) {
                assertInOrder(receiver.arrivals(id));
            }
            assertTrue(receiver.arrivals().stream().anyMatch(a -> a.status == 500), "some attempts failed");
        }
    }

    @Test
    void aReceiverDownForAWhileGetsEverythingInOrderWhenItIsBack() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
        try (WebhookReceiver receiver = WebhookReceiver.start(a -> up.get() ? 200 : 503)) {
            long sub = subscribe(receiver.url("/later"), Map.of()).getLong("id");
            List<Long> ids = List.of(wholeLife(DESA), wholeLife(OTHER_DESA));
            receiver.await(a -> a.stream().filter(x -> x.status == 503).count() >= 6, WAIT);
            assertEquals(0, receiver.arrivals().stream().filter(Arrival::delivered).count());
            up.set(true);
            receiver.await(a -> ids.stream().allMatch(id -> a.stream().filter(x -> x.requestId() == id && x.delivered()).count() == 6), WAIT);
            for (long id : ids) {
                assertInOrder(receiver.arrivals(id));
            }
            given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + sub).then().statusCode(200)
                    .body("state", is("ACTIVE")).body("failingSince", nullValue());
            awaitLog(sub, log -> log.size() == 12 && log.stream().allMatch(d -> "DELIVERED".equals(d.get("state"))));
        }
    }

    @Test
    void eventsQueuedTogetherAreClaimedTogetherInOrderPerRequestAndEachKeepsTheBodyItWasSentWith() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            // paused while the changes are made: on resuming, the dispatcher finds them all due at once
            long sub = subscribe(receiver.url("/batch"), Map.of("active", false)).getLong("id");
            List<Long> ids = List.of(wholeLife(DESA), wholeLife(OTHER_DESA), wholeLife(DESA));
            assertEquals(18, Db.count("select count(*) from webhook_delivery where subscription_id = ?1 and state = 'PENDING' "
                    + "and attempts = 0 and body is null", sub), "queued, not sent, no body made yet");
            given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"0\"")
                    .body(Map.of("url", receiver.url("/batch"))).put("/api/v1/webhook-subscriptions/" + sub)
                    .then().statusCode(200).body("state", is("ACTIVE"));
            receiver.await(a -> ids.stream().allMatch(id -> a.stream().filter(x -> x.requestId() == id && x.delivered()).count() == 6), WAIT);
            for (long id : ids) {
                assertInOrder(receiver.arrivals(id));
            }
            assertEquals(18, receiver.arrivals().size(), "each event sent once: " + receiver.arrivals().stream().map(a -> a.id).toList());
            awaitLog(sub, log -> log.size() == 18 && log.stream().allMatch(d -> "DELIVERED".equals(d.get("state"))
                    && ((Number) d.get("attempts")).intValue() == 1));
            for (Arrival a : receiver.arrivals()) {
                long delivery = ((Number) Db.single("select id from webhook_delivery where subscription_id = ?1 and event_id = ?2", sub,
                        Long.parseLong(a.id.substring("evt_".length())))).longValue();
                assertEquals(a.body, Db.single("select body from webhook_delivery where id = ?1", delivery),
                        "the body kept for retries and redelivery is the one sent");
            }
        }
    }

    @Test
    void anAttemptWhoseEndWasNeverRecordedIsMadeAgainWithTheSameIdAndItsBodyIsKeptThen() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            long sub = subscribe(receiver.url("/unrecorded"), Map.of("active", false, "eventTypes", List.of("FILED"))).getLong("id");
            long request = file(DESA).getLong("id");
            // as an instance that stopped during the attempt leaves it: leased once, its lease over, nothing recorded
            Db.exec("update webhook_delivery set attempts = 1, first_attempt_at = now() - interval '1 minute', "
                    + "last_attempt_at = now() - interval '1 minute', lease_until = now() - interval '1 second' "
                    + "where subscription_id = ?1 and body is null", sub);
            assertEquals(1, Db.count("select count(*) from webhook_delivery where subscription_id = ?1 and attempts = 1", sub));
            given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"0\"")
                    .body(Map.of("url", receiver.url("/unrecorded"), "eventTypes", List.of("FILED")))
                    .put("/api/v1/webhook-subscriptions/" + sub).then().statusCode(200).body("state", is("ACTIVE"));
            receiver.await(a -> a.stream().anyMatch(x -> x.requestId() == request && x.delivered()), WAIT);
            Arrival arrival = receiver.arrivals(request).getFirst();
            long event = ((Number) Db.single("select id from request_event where request_id = ?1 and type = 'FILED'", request)).longValue();
            assertEquals("evt_" + event, arrival.id, "the same webhook-id as the attempt that was not recorded");
            awaitLog(sub, log -> log.size() == 1 && "DELIVERED".equals(log.getFirst().get("state"))
                    && ((Number) log.getFirst().get("attempts")).intValue() == 2);
            assertEquals(arrival.body, Db.single("select body from webhook_delivery where subscription_id = ?1", sub),
                    "the body sent is kept once the attempt's end is recorded");
        }
    }

    @Test
    void aFailingReceiverInTheSameClaimDelaysNoOtherSubscription() throws Exception {
        try (WebhookReceiver failing = WebhookReceiver.start(a -> 500); WebhookReceiver quick = WebhookReceiver.accepting()) {
            long failingSub = subscribe(failing.url("/fails"), Map.of("eventTypes", List.of("FILED"), "active", false)).getLong("id");
            long quickSub = subscribe(quick.url("/quick"), Map.of("eventTypes", List.of("FILED"), "active", false)).getLong("id");
            List<Long> ids = List.of(file(DESA).getLong("id"), file(OTHER_DESA).getLong("id"), file(DESA).getLong("id"));
            // both resumed in one statement: one pass claims the deliveries of both
            Db.exec("update webhook_subscription set active = true where id in (?1, ?2)", failingSub, quickSub);
            dispatcher.wake();
            quick.await(a -> ids.stream().allMatch(id -> a.stream().anyMatch(x -> x.requestId() == id && x.delivered())), WAIT);
            failing.await(a -> ids.stream().allMatch(id -> a.stream().anyMatch(x -> x.requestId() == id)), WAIT);
            awaitLog(quickSub, log -> log.size() == 3 && log.stream().allMatch(d -> "DELIVERED".equals(d.get("state"))
                    && ((Number) d.get("attempts")).intValue() == 1));
            awaitLog(failingSub, log -> log.size() == 3 && log.stream().allMatch(d -> "PENDING".equals(d.get("state"))
                    && ((Number) d.get("attempts")).intValue() >= 1 && Integer.valueOf(500).equals(d.get("responseStatus"))
                    && d.get("nextAttemptAt") != null));
        }
    }

    @Test
    void aDeliveryFailingForTheWholeRetryPeriodIsGivenUpTheSubscriptionFailsAndAnAdminCanSendItAgain() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(a -> 500)) {
            long sub = subscribe(receiver.url("/broken"), Map.of("eventTypes", List.of("FILED"))).getLong("id");
            long id = file(DESA).getLong("id");
            awaitDelivery(sub, id, d -> d.get("responseStatus") != null);
            clock.advance(Duration.ofHours(25));
            Map<String, Object> givenUp = awaitDelivery(sub, id, d -> "GIVEN_UP".equals(d.get("state")));
            assertEquals(500, givenUp.get("responseStatus"));
            assertEquals("HTTP 500", givenUp.get("error"));
            assertFalse(givenUp.containsKey("nextAttemptAt"));
            String reason = given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + sub).then().statusCode(200)
                    .body("state", is("FAILING"))
                    .body("failingSince", notNullValue())
                    .extract().path("failingReason");
            assertTrue(reason.matches("delivery " + givenUp.get("id") + " \\(evt_\\d+, FILED\\) given up after \\d+ attempts in 24 h: HTTP 500"), reason);
            given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + sub + "/deliveries?state=GIVEN_UP").then().statusCode(200)
                    .body("items.id", contains(givenUp.get("id")));
            given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + sub + "/deliveries?state=PENDING").then().statusCode(200)
                    .body("items", empty());

            // the receiver is repaired; the admin sends the event again
            receiver.behave(a -> 200);
            String original = receiver.arrivals(id).get(0).id;
            var redelivered = given().auth().oauth2(admin()).post("/api/v1/webhook-subscriptions/" + sub + "/deliveries/"
                            + givenUp.get("id") + "/redeliver").then().statusCode(201)
                    .body("state", is("PENDING"))
                    .body("redeliveryOf", is(givenUp.get("id")))
                    .body("messageId", is(original))
                    .body("attempts", is(0))
                    .extract();
            long again = ((Number) redelivered.path("id")).longValue();
            assertTrue(redelivered.header("Location").endsWith("/api/v1/webhook-subscriptions/" + sub + "/deliveries/" + again),
                    redelivered.header("Location"));
            receiver.await(a -> a.stream().anyMatch(Arrival::delivered), WAIT);
            assertEquals(original, receiver.arrivals().stream().filter(Arrival::delivered).findFirst().orElseThrow().id,
                    "the same message, so that the receiver can tell it");
            Map<String, Object> delivered = awaitDelivery(sub, id, d -> ((Number) d.get("id")).longValue() == again
                    && "DELIVERED".equals(d.get("state")));
            assertEquals(1, delivered.get("attempts"));
            given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + sub).then().statusCode(200)
                    .body("state", is("ACTIVE")).body("$", not(hasKey("failingReason")));
        }
    }

    @Test
    void aNameThatResolvesToAPrivateAddressIsRefusedWhenTheDeliveryGoesOut() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            TestHostResolver.map("hooks.intranet.test", "10.1.2.3");
            long sub = subscribe("http://hooks.intranet.test:" + receiver.port() + "/in", Map.of("eventTypes", List.of("FILED"))).getLong("id");
            long id = file(DESA).getLong("id");
            Map<String, Object> refused = awaitDelivery(sub, id, d -> d.get("error") != null);
            assertEquals("refused: hooks.intranet.test resolves to 10.1.2.3, a private address (not in layanan.webhooks.allowed-networks)",
                    refused.get("error"));
            assertEquals("PENDING", refused.get("state"), "tried again later: the name may resolve elsewhere then");
            assertFalse(refused.containsKey("responseStatus"));
            assertEquals(List.of(), receiver.arrivals());
        }
    }

    @Test
    void aDeliveryConnectsToTheAddressThatWasCheckedAndKeepsTheNameForTheHost() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            // a name only this resolver knows: the connection goes where the checked lookup said
            TestHostResolver.map("receiver.example.test", "127.0.0.1");
            subscribe("http://receiver.example.test:" + receiver.port() + "/in?source=layanan", Map.of("eventTypes", List.of("FILED")));
            long id = file(DESA).getLong("id");
            Arrival a = receiver.await(x -> x.stream().anyMatch(r -> r.requestId() == id), WAIT).get(0);
            assertEquals("receiver.example.test:" + receiver.port(), a.header("host"));
        }
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneUntilTheOverlapEnds() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            JsonPath created = subscribe(receiver.url("/rotating"), Map.of("eventTypes", List.of("FILED")));
            long sub = created.getLong("id");
            String old = created.getString("secret");
            JsonPath rotated = given().auth().oauth2(admin()).header("If-Match", "\"0\"")
                    .post("/api/v1/webhook-subscriptions/" + sub + "/rotate-secret").then().statusCode(200)
                    .header("ETag", "\"1\"").header("Cache-Control", "no-store")
                    .body("previousSecretValidUntil", notNullValue())
                    .extract().jsonPath();
            String fresh = rotated.getString("secret");
            assertNotEquals(old, fresh);
            assertEquals(fresh.substring(0, 12), rotated.getString("secretPrefix"));
            given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + sub).then().statusCode(200)
                    .body("$", not(hasKey("secret")));

            long during = file(DESA).getLong("id");
            Arrival both = receiver.await(a -> a.stream().anyMatch(x -> x.requestId() == during), WAIT).get(0);
            assertEquals(2, both.header("webhook-signature").split(" ").length);
            both.verify(fresh);
            both.verify(old);

            clock.advance(Duration.ofHours(25));
            given().auth().oauth2(admin()).get("/api/v1/webhook-subscriptions/" + sub).then().statusCode(200)
                    .body("$", not(hasKey("previousSecretValidUntil")));
            long after = file(DESA).getLong("id");
            Arrival one = receiver.await(a -> a.stream().anyMatch(x -> x.requestId() == after), WAIT).stream()
                    .filter(x -> x.requestId() == after).findFirst().orElseThrow();
            // the clock moved a day, so the library's five-minute window would refuse the timestamp: compare signatures instead
            long timestamp = Long.parseLong(one.header("webhook-timestamp"));
            assertEquals(new com.standardwebhooks.Webhook(fresh).sign(one.id, timestamp, one.body), one.header("webhook-signature"),
                    "only the new secret signs once the overlap is over");
        }
    }

    @Test
    void theKabupatensOwnWordingIsWhatTheCitizenGets() throws Exception {
        given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("text", "Yth. warga {desa}: {layanan} ({kode}) kurang {catatan}. Hubungi {opd}."))
                .put("/api/v1/message-templates/NEEDS_INFO").then().statusCode(200);
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            subscribe(receiver.url("/wa"), Map.of("eventTypes", List.of("INFO_REQUESTED", "ACCEPTED"), "personalData", true));
            long id = file(DESA).getLong("id");
            opd(id, "accept", Map.of());
            opd(id, "request-info", Map.of("missing", List.of("SKL"), "publicNote", "Surat keterangan lahir"));
            List<Arrival> arrivals = receiver.await(a -> a.stream().filter(x -> x.requestId() == id).count() == 2, WAIT);
            JsonNode asked = arrivals.get(1).json.path("data");
            String tracking = asked.path("trackingCode").asText();
            assertEquals("Yth. warga Burau: Penerbitan Akta Kelahiran (" + tracking + ") kurang Surat keterangan lahir. Hubungi "
                    + asked.path("toOpd").path("name").asText() + ".", asked.path("citizenMessage").asText());
            assertTrue(arrivals.get(0).json.path("data").path("citizenMessage").asText().contains("sedang diproses"),
                    "other statuses keep the default");
        }
    }

    @Test
    void aRequestPastItsDueDateIsAnOverdueEventOnceWithoutAMessageForTheCitizen() throws Exception {
        StandardsKabupaten k = StandardsKabupaten.of("73.97");
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            long sub = subscribe(k.admin(), receiver.url("/hooks/overdue"), Map.of("eventTypes", List.of("OVERDUE"))).getLong("id");
            ZoneId wita = ZoneId.of("Asia/Makassar");
            // LAYANAN_B (3 working days) filed Monday 2 March 2026: due Thursday 5
            long id = k.file(k.desa1, k.serviceB, LocalDateTime.parse("2026-03-02T10:00").atZone(wita).toInstant());
            StandardsKabupaten.at(LocalDateTime.parse("2026-03-05T23:00").atZone(wita).toInstant());
            overdueCheck.run();
            assertEquals(0L, Db.count("select count(*) from webhook_delivery where subscription_id = ?1", sub), "not due yet");
            StandardsKabupaten.at(LocalDateTime.parse("2026-03-06T09:00").atZone(wita).toInstant());
            overdueCheck.run();
            overdueCheck.run();

            List<Arrival> arrivals = receiver.await(a -> a.stream().anyMatch(x -> x.requestId() == id && x.delivered()), WAIT);
            Arrival overdue = arrivals.stream().filter(x -> x.requestId() == id).findFirst().orElseThrow();
            assertEquals("OVERDUE", overdue.type());
            JsonNode data = overdue.json.path("data");
            assertEquals("SUBMITTED", data.path("fromStatus").asText());
            assertEquals("SUBMITTED", data.path("toStatus").asText());
            assertEquals("SYSTEM", data.path("actorKind").asText());
            assertEquals("2026-03-05", data.path("dueDate").asText());
            assertTrue(data.path("citizenMessage").isMissingNode(), "the status did not change: nothing to tell the citizen: " + overdue.body);
            assertEquals(1L, Db.count("select count(*) from webhook_delivery where subscription_id = ?1 and request_id = ?2", sub, id),
                    "a second check queues nothing more");
            assertEquals(1L, Db.count("select count(*) from webhook_delivery where subscription_id = ?1", sub),
                    "the filing is no event the subscription asked for");
        }
    }

    /** Each event of the request taken once, the next one first sent only after the one before was taken. */
    static void assertInOrder(List<Arrival> arrivals) {
        List<Arrival> delivered = arrivals.stream().filter(Arrival::delivered).toList();
        assertEquals(WHOLE_LIFE, delivered.stream().map(Arrival::type).toList(), "taken in the order of the history");
        assertEquals(delivered.size(), delivered.stream().map(a -> a.id).distinct().count(), "each taken once");
        for (int i = 1; i < delivered.size(); i++) {
            String id = delivered.get(i).id;
            long firstSent = arrivals.stream().filter(a -> a.id.equals(id)).mapToLong(a -> a.arrivedNanos).min().orElseThrow();
            assertTrue(firstSent >= delivered.get(i - 1).answeredNanos,
                    delivered.get(i).type() + " was sent before " + delivered.get(i - 1).type() + " was taken");
        }
    }

    /** Waits until the subscription's delivery log (its first 100) satisfies the condition. */
    static void awaitLog(long subscription, java.util.function.Predicate<List<Map<String, Object>>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Map<String, Object>> log = List.of();
        while (System.nanoTime() < deadline) {
            log = deliveries(subscription).getList("items");
            if (condition.test(log)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the delivery log never got there; last seen " + log);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> awaitDelivery(long subscription, long requestId, java.util.function.Predicate<Map<String, Object>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Object> last = null;
        while (System.nanoTime() < deadline) {
            for (Object o : deliveries(subscription).getList("items")) {
                Map<String, Object> d = (Map<String, Object>) o;
                if (((Number) d.get("requestId")).longValue() == requestId) {
                    last = d;
                    if (condition.test(d)) {
                        return d;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the delivery of request " + requestId + " never got there; last seen " + last);
    }
}
