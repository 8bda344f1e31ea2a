package id.go.layanandesa.account;

import id.go.layanandesa.common.PageQuery;
import id.go.layanandesa.audit.Audited;
import id.go.layanandesa.common.CursorPage;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@RolesAllowed(Role.ADMIN_)
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;

    @Inject
    Caller caller;

    @Schema(name = "NewApiKeyRequest")
    public record NewApiKeyRequest(
            @NotNull @Schema(description = "The OPD whose system will use the key", example = "1051") Long opdId,
            @NotBlank @Size(max = 100) @Schema(description = "Which system uses it", example = "SIAK") String name) {
    }

    @Schema(name = "NewApiKey", description = "A new API key with its secret, shown this once")
    public record NewApiKey(
            @Schema(example = "51") Long id,
            @Schema(example = "SIAK") String name,
            @Schema(example = "1051") Long opdId,
            @Schema(example = "ldk_Qm3xV8aZ") String prefix,
            @Schema(description = "The secret: send it as `X-API-Key` or `Authorization: Bearer`. It is not kept and "
                    + "cannot be shown again.", example = "ldk_Qm3xV8aZr1c0VhY2Zk9tN3pWb0Jx4sLqT6yU8eHg2Ao") String key,
            @Schema(example = "2026-03-02T08:00:00Z") Instant createdAt) {
    }

    @POST
    @Audited(target = "API_KEY")
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key for an OPD's system; the secret is shown once",
            description = "An OPD system (such as SIAK) authenticates with the key as role OPD_SYSTEM of its OPD. The "
                    + "secret is in this answer only: the service keeps a hash of it.")
    @APIResponse(responseCode = "201", description = "The key with its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewApiKey.class)),
            headers = @Header(name = "Location", description = "Where to read the key (without its secret)"))
    @APIResponse(responseCode = "400", description = "No name, or the OPD is not one of the kabupaten")
    public RestResponse<NewApiKey> create(@Valid @NotNull NewApiKeyRequest request) {
        ApiKeyService.Created created = keys.create(caller, request.opdId(), request.name());
        ApiKey k = created.key();
        return RestResponse.ResponseBuilder.<NewApiKey>created(URI.create("/api/v1/api-keys/" + k.id))
                .entity(new NewApiKey(k.id, k.name, k.opdId, k.prefix, created.secret(), k.createdAt))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "listApiKeys", summary = "List the kabupaten's API keys, revoked ones included, without secrets",
            description = "Oldest first, a page at a time. Secrets are never shown again: a list shows each key's prefix, "
                    + "when it was last used and whether it is revoked.")
    @APIResponse(responseCode = "200", description = "A page of keys; `next` is absent on the last page")
    public CursorPage<ApiKeyView> list(@Parameter(description = "Only the keys of this OPD", example = "1051",
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, format = "int64"))
                                       @QueryParam("opdId") Long opdId,
                                       @Valid @BeanParam PageQuery paging) {
        List<ApiKeyView> rows = keys.list(caller, opdId, CursorPage.idAfter(paging.cursor()), paging.limit() + 1).stream().map(ApiKeyView::of).toList();
        return CursorPage.of(rows, paging.limit(), k -> CursorPage.idCursor(k.id()));
    }

    @GET
    @Path("/{id}")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getApiKey", summary = "One API key, without its secret",
            description = "A key's name, OPD, prefix, last use (to the minute) and revocation; never its secret.")
    @APIResponse(responseCode = "200", description = "The key")
    @APIResponse(responseCode = "404", description = "No such key in the kabupaten")
    public ApiKeyView get(@RestPath long id) {
        return ApiKeyView.of(keys.get(caller, id));
    }

    @POST
    @Audited(target = "API_KEY")
    @Idempotent
    @Path("/{id}/revoke")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key; calls with it fail from now on",
            description = "A revoked key authenticates nothing from now on. Revoking a revoked key keeps its first "
                    + "revocation time.")
    @APIResponse(responseCode = "200", description = "The revoked key; revoking again keeps the first revocation time")
    @APIResponse(responseCode = "404", description = "No such key in the kabupaten")
    public RestResponse<ApiKeyView> revoke(@RestPath long id) {
        return RestResponse.ok(ApiKeyView.of(keys.revoke(caller, id)));
    }
}
