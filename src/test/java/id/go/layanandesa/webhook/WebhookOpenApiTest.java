package id.go.layanandesa.webhook;

import id.go.layanandesa.request.RequestEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/** The events subscriptions receive are in the OpenAPI 3.1 spec as webhooks: one per event type, each with its example. */
@QuarkusTest
class WebhookOpenApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyEventTypeIsAWebhookOfTheOneEventSchemaWithTheStandardWebhooksHeaders() {
        JsonPath spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertTrue(spec.getString("openapi").startsWith("3.1"), spec.getString("openapi"));
        Map<String, Object> webhooks = spec.getMap("webhooks");
        assertEquals(Arrays.stream(RequestEvent.EventType.values()).map(Enum::name).sorted().toList(),
                webhooks.keySet().stream().sorted().toList(), "one webhook per event type");
        for (RequestEvent.EventType type : RequestEvent.EventType.values()) {
            String at = "webhooks." + type.name() + ".post.";
            assertNotNull(spec.getString(at + "operationId"), type.name());
            assertNotNull(spec.getString(at + "summary"), type.name());
            assertEquals(List.of("Webhooks"), spec.getList(at + "tags"));
            assertEquals("#/components/schemas/WebhookEvent", spec.getString(at + "requestBody.content.'application/json'.schema.$ref"));
            assertEquals(type.name(), spec.getString(at + "requestBody.content.'application/json'.example.type"));
            assertEquals(List.of("webhook-id", "webhook-timestamp", "webhook-signature"), spec.getList(at + "parameters.name"));
            assertEquals(List.of("header", "header", "header"), spec.getList(at + "parameters.in"));
            assertNotNull(spec.get(at + "responses.200"));
            assertNotNull(spec.get(at + "responses.default"));
        }
        assertEquals("webhookInfoRequested", spec.getString("webhooks.INFO_REQUESTED.post.operationId"));
        assertEquals("Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) perlu dilengkapi: Fotokopi buku nikah orang tua. Silakan ke kantor desa.",
                spec.getString("webhooks.INFO_REQUESTED.post.requestBody.content.'application/json'.example.data.citizenMessage"));
        assertNull(spec.get("webhooks.CLAIMED.post.requestBody.content.'application/json'.example.data.citizenMessage"),
                "a change that keeps the status carries no message");
        List<String> event = List.copyOf(((Map<String, Object>) spec.get("components.schemas.WebhookEvent.properties")).keySet());
        assertEquals(List.of("type", "timestamp", "data"), event);
        Map<String, Object> data = spec.get("components.schemas.WebhookEventData.properties");
        assertTrue(data.keySet().containsAll(List.of("eventId", "requestId", "trackingCode", "toStatus", "publicNote", "citizenMessage",
                "citizen")), data.keySet().toString());
        assertTrue(spec.getList("tags.name").contains("Webhooks"));
    }
}
