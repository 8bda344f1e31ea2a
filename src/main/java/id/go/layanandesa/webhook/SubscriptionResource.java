package id.go.layanandesa.webhook;

import id.go.layanandesa.common.PageQuery;
import id.go.layanandesa.audit.AuditedRead;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/**
 * Webhook subscriptions: an admin subscribes an endpoint for the whole kabupaten, an OPD system one for its OPD.
 * Every change of a request the subscription wants is POSTed to it, signed per Standard Webhooks.
 */
@Path("/api/v1/webhook-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@RolesAllowed({Role.ADMIN_, Role.OPD_SYSTEM_})
public class SubscriptionResource {

    static final String PATH = "/api/v1/webhook-subscriptions";
    static final String IF_MATCH = "The subscription's ETag as last read";

    @Inject
    SubscriptionService subscriptions;

    @Inject
    Caller caller;

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe an endpoint to request events; the secret is shown once",
            description = "An admin's subscription receives the events of the whole kabupaten, an OPD system's those of requests its OPD "
                    + "has or had. Each event is POSTed as a `WebhookEvent` (see the webhooks of this spec) with the headers "
                    + "`webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>` "
                    + "keyed with the secret, Standard Webhooks). A 2xx answer within the timeout delivers it; anything else is "
                    + "retried with growing waits for 24 h, in order per request. The URL must be https:// and its host must "
                    + "resolve to public addresses when a delivery goes out.")
    @APIResponse(responseCode = "201", description = "Subscribed; the answer carries the secret, this once",
            headers = {@Header(name = "Location", description = "The subscription", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = "Its version", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionViews.View.class)))
    @APIResponse(responseCode = "400", description = "The URL is not https://, names a private address, or a filter names something unknown")
    @id.go.layanandesa.audit.Audited(target = "WEBHOOK_SUBSCRIPTION")
    public RestResponse<SubscriptionViews.View> create(@Valid @NotNull SubscriptionViews.Body body) {
        SubscriptionViews.View view = subscriptions.create(caller, body);
        return RestResponse.ResponseBuilder.<SubscriptionViews.View>created(URI.create(PATH + "/" + view.id()))
                .entity(view).header("Cache-Control", "no-store").build();
    }

    @GET
    @Operation(operationId = "listWebhookSubscriptions", summary = "The subscriptions in the caller's scope, oldest first",
            description = "An admin sees every subscription of the kabupaten (the OPD systems' too); an OPD system those of its OPD.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionViews.Page.class)))
    @APIResponse(responseCode = "400", description = "The cursor or limit is invalid")
    public SubscriptionViews.Page list(@Valid @BeanParam PageQuery paging) {
        return subscriptions.list(caller, paging.cursor(), paging.limit());
    }

    @GET
    @Path("/{id}")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getWebhookSubscription", summary = "One subscription, with whether it is failing and why",
            description = "state is FAILING from the moment a delivery was given up after the retry period until a delivery "
                    + "succeeds again; failingReason says which delivery and its last error. The secret itself is never shown again.")
    @APIResponse(responseCode = "200", description = "The subscription (never its secret)",
            headers = @Header(name = "ETag", description = "Its version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionViews.View.class)))
    @APIResponse(responseCode = "404", description = "No such subscription in your scope")
    public RestResponse<SubscriptionViews.View> get(@PathParam("id") long id) {
        return RestResponse.ok(subscriptions.get(caller, id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "updateWebhookSubscription", summary = "Change a subscription: URL, filters, personal data, pause",
            description = "The whole subscription is replaced (absent filters mean all). Deliveries already queued keep going to the "
                    + "new URL; pausing holds them until it is active again.")
    @APIResponse(responseCode = "200", description = "The changed subscription",
            headers = @Header(name = "ETag", description = "Its new version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionViews.View.class)))
    @APIResponse(responseCode = "400", description = "The URL is not https://, names a private address, or a filter names something unknown")
    @APIResponse(responseCode = "404", description = "No such subscription in your scope")
    @id.go.layanandesa.audit.Audited(target = "WEBHOOK_SUBSCRIPTION")
    public RestResponse<SubscriptionViews.View> update(@PathParam("id") long id,
                                                       @Parameter(description = IF_MATCH, required = true, example = "\"0\"")
                                                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                                       @Valid @NotNull SubscriptionViews.Body body) {
        return RestResponse.ok(subscriptions.update(caller, id, ifMatch, body));
    }

    @DELETE
    @Path("/{id}")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "deleteWebhookSubscription", summary = "Unsubscribe: the subscription and its deliveries go",
            description = "Deliveries not yet made are dropped with it; to hold them instead, pause it (active false).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription in your scope")
    @id.go.layanandesa.audit.Audited(target = "WEBHOOK_SUBSCRIPTION")
    public void delete(@PathParam("id") long id,
                       @Parameter(description = IF_MATCH, required = true, example = "\"0\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        subscriptions.delete(caller, id, ifMatch);
    }

    @POST
    @Idempotent
    @Path("/{id}/rotate-secret")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "rotateWebhookSecret", summary = "Give the subscription a new secret, shown once; the old one signs for 24 h more",
            description = "Until previousSecretValidUntil every event carries two signatures in webhook-signature, one per secret, so "
                    + "that the receiver can switch without losing an event.")
    @APIResponse(responseCode = "200", description = "The subscription with its new secret, this once",
            headers = @Header(name = "ETag", description = "Its new version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionViews.View.class)))
    @APIResponse(responseCode = "404", description = "No such subscription in your scope")
    @id.go.layanandesa.audit.Audited(target = "WEBHOOK_SUBSCRIPTION")
    public RestResponse<SubscriptionViews.View> rotate(@PathParam("id") long id,
                                                       @Parameter(description = IF_MATCH, required = true, example = "\"0\"")
                                                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return RestResponse.ResponseBuilder.ok(subscriptions.rotate(caller, id, ifMatch)).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/{id}/deliveries")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log of a subscription, newest first",
            description = "Each delivery with its state, attempts, the last answer's status, latency and error, and when the next "
                    + "attempt goes. Finished deliveries are kept for the configured retention (7 days).")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionViews.DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "The state, cursor or limit is invalid")
    @APIResponse(responseCode = "404", description = "No such subscription in your scope")
    public SubscriptionViews.DeliveryPage deliveries(@PathParam("id") long id,
                                                     @Parameter(description = "Only deliveries in this state") @QueryParam("state") SubscriptionViews.DeliveryState state,
                                                     @Valid @BeanParam PageQuery paging) {
        return subscriptions.deliveries(caller, id, state, paging.cursor(), paging.limit());
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery, with the body it sends",
            description = "The body is made for the first attempt and kept when that attempt ends; every later attempt sends it "
                    + "unchanged. Until an attempt has ended there is none. "
                    + "A body that carries the citizen's name and phone (a subscription allowed personal data) is a read of "
                    + "personal data, recorded in the audit trail with its request.")
    @APIResponse(responseCode = "200", description = "The delivery; payload once an attempt has ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionViews.Delivery.class)))
    @APIResponse(responseCode = "404", description = "No such subscription in your scope, or no such delivery of it")
    @AuditedRead
    public SubscriptionViews.Delivery delivery(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        return subscriptions.delivery(caller, id, deliveryId);
    }

    @POST
    @Idempotent
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.DELIVERY_PENDING})
    @Operation(operationId = "redeliverWebhook", summary = "Send a delivered or given-up event again",
            description = "A new delivery of the same message (same webhook-id and body, so a receiver can tell it is one it may "
                    + "have seen), queued behind what is pending for the request now.")
    @APIResponse(responseCode = "201", description = "The new delivery",
            headers = @Header(name = "Location", description = "The new delivery", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionViews.Delivery.class)))
    @APIResponse(responseCode = "404", description = "No such subscription in your scope, or no such delivery of it")
    @APIResponse(responseCode = "409", description = "DELIVERY_PENDING: it is still being tried")
    @id.go.layanandesa.audit.Audited(target = "WEBHOOK_SUBSCRIPTION")
    public RestResponse<SubscriptionViews.Delivery> redeliver(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        SubscriptionViews.Delivery created = subscriptions.redeliver(caller, id, deliveryId);
        return RestResponse.ResponseBuilder.<SubscriptionViews.Delivery>created(URI.create(PATH + "/" + id + "/deliveries/" + created.id()))
                .entity(created).build();
    }
}
