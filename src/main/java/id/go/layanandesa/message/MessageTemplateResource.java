package id.go.layanandesa.message;

import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/** The citizens' messages of the caller's kabupaten: what every event's payload carries for a messaging gateway. */
@Path("/api/v1/message-templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class MessageTemplateResource {

    static final String STATUS = "One of SUBMITTED, IN_PROGRESS, NEEDS_INFO, COMPLETED, REJECTED, CANCELLED";

    @Inject
    MessageTemplateService templates;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Role.ADMIN_, Role.VIEWER_})
    @Operation(operationId = "listMessageTemplates", summary = "The citizen's message for every status",
            description = "An event whose status differs from the one before carries the message of its new status, rendered, as "
                    + "`data.citizenMessage`: a messaging gateway can send it as it is. Events that keep the status (a claim, a "
                    + "forward within SUBMITTED) carry none.")
    @APIResponse(responseCode = "200", description = "One template per status, in the order of the statuses",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageTemplateView.Page.class)))
    public MessageTemplateView.Page list() {
        return new MessageTemplateView.Page(templates.list(caller));
    }

    @GET
    @Path("/{status}")
    @RolesAllowed({Role.ADMIN_, Role.VIEWER_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getMessageTemplate", summary = "The citizen's message for one status",
            description = "The wording in use (the kabupaten's or the default), the default beside it, and what it gives for an "
                    + "example request.")
    @APIResponse(responseCode = "200", description = "The template; its ETag is what If-Match needs to change it",
            headers = @Header(name = "ETag", description = "The version, quoted", schema = @Schema(type = SchemaType.STRING, example = "\"0\"")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageTemplateView.class)))
    @APIResponse(responseCode = "404", description = "No such status")
    public RestResponse<MessageTemplateView> get(@Parameter(description = STATUS, example = "NEEDS_INFO") @PathParam("status") String status) {
        return RestResponse.ok(templates.get(caller, status));
    }

    @PUT
    @Path("/{status}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "putMessageTemplate", summary = "Word the citizen's message for one status",
            description = "Events recorded from now on carry the new wording (events already sent keep theirs).")
    @APIResponse(responseCode = "200", description = "The template as it is now, with an example",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, example = "\"1\"")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageTemplateView.class)))
    @APIResponse(responseCode = "400", description = "Blank, longer than 500 characters, or an unknown placeholder")
    @APIResponse(responseCode = "404", description = "No such status")
    @id.go.layanandesa.audit.Audited(target = "MESSAGE_TEMPLATE")
    public RestResponse<MessageTemplateView> put(@Parameter(description = STATUS, example = "NEEDS_INFO") @PathParam("status") String status,
                                                 @Parameter(description = "The template's ETag as last read", required = true, example = "\"0\"")
                                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                                 @Valid @NotNull MessageTemplateView.Body body) {
        return RestResponse.ok(templates.put(caller, status, ifMatch, body.text()));
    }

    @DELETE
    @Path("/{status}")
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "resetMessageTemplate", summary = "Go back to the default message for one status",
            description = "Events recorded from now on carry the service's default wording for this status.")
    @APIResponse(responseCode = "200", description = "The template, now the default",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, example = "\"2\"")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageTemplateView.class)))
    @APIResponse(responseCode = "404", description = "No such status")
    @id.go.layanandesa.audit.Audited(target = "MESSAGE_TEMPLATE")
    public RestResponse<MessageTemplateView> reset(@Parameter(description = STATUS, example = "NEEDS_INFO") @PathParam("status") String status,
                                                   @Parameter(description = "The template's ETag as last read", required = true, example = "\"1\"")
                                                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return RestResponse.ok(templates.reset(caller, status, ifMatch));
    }
}
