package id.go.layanandesa.kabupaten;

import id.go.layanandesa.common.PageQuery;
import id.go.layanandesa.account.AccountService;
import id.go.layanandesa.account.AccountView;
import id.go.layanandesa.audit.AuditNote;
import id.go.layanandesa.audit.Audited;
import id.go.layanandesa.common.CursorPage;
import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.openapi.ProblemCodes;
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
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/**
 * The kabupaten in service on this installation: operators onboard them from a configuration document and keep their
 * admins; admins (and operators) export and apply their configuration.
 */
@Path("/api/v1/kabupaten")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Kabupaten")
public class KabupatenResource {

    @Inject
    KabupatenService kabupaten;

    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    @Inject
    AuditNote auditNote;

    private static final String CODE = "A kabupaten code";
    private static final String DRY_RUN = "true: only answer what applying the document would do, and change nothing";
    private static final String IF_MATCH_DESCRIPTION = "The account's ETag, from reading it";

    @Schema(name = "NewKabupatenAdmin")
    public record NewAdmin(
            @NotBlank @Size(max = 60) @Schema(description = "Stored in lower case, with the kabupaten's prefix (e.g. `7324.`) added "
                    + "when it is left out", example = "admin.organisasi") String username,
            @NotBlank @Size(max = 200) @Schema(example = "Admin Bagian Organisasi") String displayName) {
    }

    @Schema(name = "KabupatenAdminCreated", description = "The new admin, with the one-time password it logs in with once")
    public record AdminCreated(
            AccountView account,
            @Schema(description = "Shown only here: the admin logs in with it once and must then set their own password",
                    example = "k7Rm2pXq9wTz4nLb") String oneTimePassword) {
    }

    @GET
    @RolesAllowed(Role.OPERATOR_)
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "listKabupaten", summary = "The kabupaten in service on this installation, by code, a page at a time",
            description = "Every onboarded kabupaten with its number of enabled admins and the prefix of its usernames.")
    @APIResponse(responseCode = "200", description = "A page of kabupaten; `next` is absent on the last page")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    public CursorPage<KabupatenView> list(
            @Valid @BeanParam PageQuery paging) {
        return kabupaten.list(paging.cursor(), paging.limit());
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_)
    @ProblemCodes({ProblemCode.ALREADY_ONBOARDED})
    @Operation(operationId = "onboardKabupaten", summary = "Put a kabupaten into service from its configuration document",
            description = "Onboards the kabupaten the document names (it must be in the region list) and applies the document "
                    + "(OPDs, catalog, routing rules, holidays), all in one transaction. With `dryRun=true` it only answers the "
                    + "plan. Tokens of a kabupaten that is not onboarded are refused. Then create its first admin with "
                    + "POST /api/v1/kabupaten/{code}/admins. A wrong document gets one problem listing every violation with its "
                    + "path in the document.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Configuration.class)))
    @APIResponse(responseCode = "201", description = "Onboarded; the plan says what was created",
            headers = @Header(name = "Location", description = "The kabupaten", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigurationPlan.class)))
    @APIResponse(responseCode = "200", description = "The plan of a dry run; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigurationPlan.class)))
    @APIResponse(responseCode = "400", description = "The kabupaten is not in the region list, or the document is wrong: every "
            + "violation is listed with its path")
    @APIResponse(responseCode = "409", description = "The kabupaten is onboarded already")
    @Audited(target = "KABUPATEN")
    public Response onboard(@NotNull Configuration document,
                            @Parameter(description = DRY_RUN) @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        ConfigurationPlan plan = kabupaten.onboard(caller, document, dryRun);
        if (dryRun) {
            auditNote.changedNothing();
            return Response.ok(plan).build();
        }
        return Response.created(URI.create("/api/v1/kabupaten/" + plan.kabupaten())).entity(plan).build();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed(Role.OPERATOR_)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getKabupaten", summary = "One kabupaten in service",
            description = "When it was onboarded, how many enabled admins it has and the prefix of its usernames.")
    @APIResponse(responseCode = "200", description = "The kabupaten",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KabupatenView.class)))
    @APIResponse(responseCode = "404", description = "No onboarded kabupaten has this code")
    public KabupatenView get(@Parameter(description = CODE, example = "73.24") @PathParam("code") String code) {
        return kabupaten.get(code);
    }

    @GET
    @Path("/{code}/admins")
    @RolesAllowed(Role.OPERATOR_)
    @ProblemCodes({ProblemCode.VALIDATION_FAILED, ProblemCode.NOT_FOUND})
    @Operation(operationId = "listKabupatenAdmins", summary = "The ADMIN accounts of a kabupaten, oldest first, a page at a time",
            description = "For the operator, who creates, disables and enables them.")
    @APIResponse(responseCode = "200", description = "A page of accounts; `next` is absent on the last page")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "404", description = "No onboarded kabupaten has this code")
    public CursorPage<AccountView> admins(
            @Parameter(description = CODE, example = "73.24") @PathParam("code") String code,
            @Valid @BeanParam PageQuery paging) {
        AccountService.Page page = accounts.admins(code, CursorPage.idAfter(paging.cursor()), paging.limit());
        return new CursorPage<>(page.items().stream().map(AccountView::of).toList(),
                page.next() == null ? null : CursorPage.idCursor(page.next()));
    }

    @POST
    @Idempotent
    @Path("/{code}/admins")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_)
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.USERNAME_TAKEN})
    @Operation(operationId = "createKabupatenAdmin", summary = "Create an ADMIN of a kabupaten, with a one-time password",
            description = "The answer shows a random one-time password once; the admin logs in with it and must set their own "
                    + "password before anything else. The username gets the kabupaten's prefix.")
    @APIResponse(responseCode = "201", description = "The admin and its one-time password",
            headers = {@Header(name = "Location", description = "The account", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminCreated.class)))
    @APIResponse(responseCode = "400", description = "Invalid username or display name")
    @APIResponse(responseCode = "404", description = "No onboarded kabupaten has this code")
    @APIResponse(responseCode = "409", description = "The username is taken")
    @Audited(target = "ACCOUNT")
    public RestResponse<AdminCreated> createAdmin(@Parameter(description = CODE, example = "73.24") @PathParam("code") String code,
                                                  @Valid @NotNull NewAdmin request) {
        AccountService.Created created = accounts.createAdmin(caller, code, request.username(), request.displayName());
        return RestResponse.ResponseBuilder.<AdminCreated>created(
                        URI.create("/api/v1/kabupaten/" + code + "/admins/" + created.account().id))
                .entity(new AdminCreated(AccountView.of(created.account()), created.oneTimeSecret()))
                .header("ETag", ETags.of(created.account().version))
                .build();
    }

    @POST
    @Idempotent
    @Path("/{code}/admins/{id}/disable")
    @RolesAllowed(Role.OPERATOR_)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "disableKabupatenAdmin", summary = "Disable an ADMIN of a kabupaten: it can no longer log in, and its "
            + "access tokens stop working at once", description = "Ends every session of the admin, on every instance. Enabling it "
            + "again does not revive its old tokens.")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = "ETag", description = "Its new version"))
    @APIResponse(responseCode = "404", description = "No such admin of an onboarded kabupaten")
    @Audited(target = "ACCOUNT")
    public RestResponse<AccountView> disableAdmin(@Parameter(description = CODE, example = "73.24") @PathParam("code") String code,
                                                  @PathParam("id") long id,
                                                  @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"")
                                                  @HeaderParam("If-Match") String ifMatch) {
        var a = accounts.setAdminEnabled(caller, code, id, ifMatch, false);
        return RestResponse.ok(AccountView.of(a));
    }

    @POST
    @Idempotent
    @Path("/{code}/admins/{id}/enable")
    @RolesAllowed(Role.OPERATOR_)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "enableKabupatenAdmin", summary = "Enable a disabled ADMIN of a kabupaten",
            description = "Enabling an enabled admin changes nothing but answers the account.")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = "ETag", description = "Its new version"))
    @APIResponse(responseCode = "404", description = "No such admin of an onboarded kabupaten")
    @Audited(target = "ACCOUNT")
    public RestResponse<AccountView> enableAdmin(@Parameter(description = CODE, example = "73.24") @PathParam("code") String code,
                                                 @PathParam("id") long id,
                                                 @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"")
                                                 @HeaderParam("If-Match") String ifMatch) {
        var a = accounts.setAdminEnabled(caller, code, id, ifMatch, true);
        return RestResponse.ok(AccountView.of(a));
    }

    @GET
    @Path("/{code}/configuration")
    @RolesAllowed({Role.ADMIN_, Role.OPERATOR_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "exportConfiguration", summary = "The kabupaten's configuration as one document",
            description = "Its OPDs, catalog (the current definition of every service, with documents and fields), routing "
                    + "rules and holidays, referring to each other by code and never by id, sorted, so that the document moves "
                    + "to another installation: applied to a fresh one, its export there is the same document. An admin "
                    + "exports their own kabupaten, an operator any.")
    @APIResponse(responseCode = "200", description = "The document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Configuration.class)))
    @APIResponse(responseCode = "404", description = "No onboarded kabupaten with this code in the caller's reach")
    public Configuration export(@Parameter(description = CODE, example = "73.24") @PathParam("code") String code) {
        return kabupaten.export(caller, code);
    }

    @PUT
    @Path("/{code}/configuration")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.OPERATOR_})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "applyConfiguration", summary = "Make the kabupaten's configuration what a document says",
            description = "Adds, changes and removes OPDs, services, routing rules and holidays until the kabupaten is as the "
                    + "document says, in one transaction; the answer lists every item as ADDED, CHANGED, REMOVED or UNCHANGED. "
                    + "A service gets a new catalog version only when its definition changes, so applying the same document "
                    + "twice changes nothing. What requests, accounts or API keys refer to is never deleted: an OPD is "
                    + "deactivated, a service closed for filing. With `dryRun=true` only the plan is answered. A wrong "
                    + "document gets one problem listing every violation with its path in the document.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Configuration.class)))
    @APIResponse(responseCode = "200", description = "What was done, or with `dryRun=true` what would be",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigurationPlan.class)))
    @APIResponse(responseCode = "400", description = "The document is wrong: every violation is listed with its path")
    @APIResponse(responseCode = "404", description = "No onboarded kabupaten with this code in the caller's reach")
    @Audited(target = "KABUPATEN")
    public ConfigurationPlan apply(@Parameter(description = CODE, example = "73.24") @PathParam("code") String code,
                                   @NotNull Configuration document,
                                   @Parameter(description = DRY_RUN) @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        ConfigurationPlan plan = kabupaten.apply(caller, code, document, dryRun);
        if (plan.changesNothing()) {
            auditNote.changedNothing();
        } else {
            auditNote.put("added", plan.summary().added()).put("changed", plan.summary().changed()).put("removed", plan.summary().removed());
        }
        return plan;
    }
}
