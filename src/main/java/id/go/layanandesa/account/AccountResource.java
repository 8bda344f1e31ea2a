package id.go.layanandesa.account;

import id.go.layanandesa.common.PageQuery;
import id.go.layanandesa.audit.AuditNote;
import id.go.layanandesa.audit.Audited;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.CursorPage;
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
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@RolesAllowed(Role.ADMIN_)
public class AccountResource {

    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    @Inject
    AuditNote auditNote;

    @Inject
    AccountImport accountImport;

    @Schema(name = "NewAccountRequest")
    public record NewAccountRequest(
            @NotBlank @Size(max = 60) @Schema(description = "Stored in lower case, with the kabupaten's prefix (its code without "
                    + "the dot and a dot, e.g. `7324.`) added when it is left out; unique across the service", example = "desa.laskap")
            String username,
            @NotBlank @Size(max = 200) @Schema(example = "Operator Desa Laskap") String displayName,
            @NotNull @Schema(description = "ADMIN, VIEWER, DESA_OFFICER or OPD_OFFICER", example = "DESA_OFFICER") Role role,
            @Schema(description = "Required for a DESA_OFFICER: a desa of the kabupaten", example = "73.24.04.2002") String desaCode,
            @Schema(description = "Required for an OPD_OFFICER: an OPD of the kabupaten", example = "1051") Long opdId,
            @NotNull @Schema(description = "At least 10 characters with a letter and a digit, not the username",
                    example = "Laskap2026pelayanan") String password) {
    }

    @Schema(name = "PasswordReset")
    public record PasswordReset(
            @NotNull @Schema(description = "At least 10 characters with a letter and a digit, not the username",
                    example = "Baru2026pelayanan") String password) {
    }

    private static final String IF_MATCH_DESCRIPTION = "The account's ETag, from reading it";

    @POST
    @Audited(target = "ACCOUNT")
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @ProblemCodes({ProblemCode.USERNAME_TAKEN})
    @Operation(operationId = "createAccount", summary = "Create an account in the admin's kabupaten",
            description = "Creates a person's account with an initial password, which the account must replace with its own "
                    + "at its first login (until then it may call nothing else). The username gets the kabupaten's prefix. A "
                    + "DESA_OFFICER names a desa of the kabupaten, an OPD_OFFICER an OPD of it. The answer's ETag is the "
                    + "version the next change sends in If-Match.")
    @APIResponse(responseCode = "201", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)), headers = {
            @Header(name = "Location", description = "Where to read it"),
            @Header(name = "ETag", description = "Its version, for If-Match")})
    @APIResponse(responseCode = "400", description = "Invalid fields, a weak password, or a desa or OPD outside the kabupaten")
    @APIResponse(responseCode = "409", description = "The username is taken")
    public RestResponse<AccountView> create(@Valid @NotNull NewAccountRequest request) {
        Account a = accounts.create(caller, new AccountService.NewAccount(request.username(), request.displayName(),
                request.role(), request.desaCode(), request.opdId(), request.password()));
        auditNote.put("role", a.role.name());
        return RestResponse.ResponseBuilder.<AccountView>created(URI.create("/api/v1/accounts/" + a.id)).entity(AccountView.of(a)).build();
    }

    @POST
    @Idempotent
    @Path("/import")
    @Consumes("text/csv")
    @ProblemCodes({ProblemCode.EMPTY_BODY, ProblemCode.VALIDATION_FAILED, ProblemCode.USERNAME_TAKEN})
    @Operation(operationId = "importAccounts", summary = "Create the kabupaten's accounts from a CSV, one a line",
            description = "A header line names the columns `username`, `displayName`, `role` and, as the roles need them, `desa` "
                    + "(the desa code of a DESA_OFFICER) and `opd` (the OPD code of an OPD_OFFICER); then one account a line, at "
                    + "most 2000. Usernames get the kabupaten's prefix. Every line is reported: CREATED, with a one-time "
                    + "activation secret the account logs in with once to set its own password; UNCHANGED, when an account "
                    + "exists as the line describes it, so the same file uploaded again creates nothing twice; REJECTED, with "
                    + "the reason. The secrets are shown only in this answer (also as `activationSheet`, CSV to print), and "
                    + "again only for a retry with the same Idempotency-Key. One transaction.")
    @RequestBody(required = true, content = @Content(mediaType = "text/csv",
            example = "username,displayName,role,desa,opd\ndesa.laskap,Operator Desa Laskap,DESA_OFFICER,73.24.04.2002,\n"
                    + "opd.dinsos.2,Petugas Dinas Sosial,OPD_OFFICER,,DINSOS\n"))
    @APIResponse(responseCode = "200", description = "What each line did, with the activation secrets of the accounts created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountImportReport.class)))
    @APIResponse(responseCode = "400", description = "The body is empty, its header does not name the columns, or it has more than 2000 lines")
    @APIResponse(responseCode = "409", description = "An account of the file was created by someone else meanwhile; nothing was kept")
    @APIResponse(responseCode = "415", description = "The body is not text/csv")
    @Audited(target = "ACCOUNT")
    public RestResponse<AccountImportReport> importCsv(String csv) {
        AccountImportReport report = accountImport.importCsv(caller, csv);
        if (report.created() == 0) {
            auditNote.changedNothing();
        } else {
            auditNote.put("created", report.created()).put("unchanged", report.unchanged()).put("rejected", report.rejected());
        }
        return RestResponse.ok(report);
    }

    @GET
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "listAccounts", summary = "List the kabupaten's accounts, oldest first, a page at a time",
            description = "Accounts of people in the admin's kabupaten, oldest first, optionally of one role. Never shows "
                    + "password hashes.")
    @APIResponse(responseCode = "200", description = "A page of accounts; `next` is absent on the last page")
    @APIResponse(responseCode = "400", description = "Invalid role, cursor or limit")
    public CursorPage<AccountView> list(
            @Parameter(description = "Only accounts with this role", example = "DESA_OFFICER",
                    schema = @Schema(implementation = Role.class)) @QueryParam("role") Role role,
            @Valid @BeanParam PageQuery paging) {
        AccountService.Page page = accounts.list(caller, role, CursorPage.idAfter(paging.cursor()), paging.limit());
        return new CursorPage<>(page.items().stream().map(AccountView::of).toList(),
                page.next() == null ? null : CursorPage.idCursor(page.next()));
    }

    @GET
    @Path("/{id}")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "getAccount", summary = "One account of the kabupaten",
            description = "An account with its lock state and version; the ETag is what a change sends in If-Match.")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = "ETag", description = "Its version, for If-Match"))
    @APIResponse(responseCode = "404", description = "No such account in the kabupaten")
    public RestResponse<AccountView> get(@RestPath long id) {
        return RestResponse.ok(AccountView.of(accounts.get(caller, id)));
    }

    @POST
    @Audited(target = "ACCOUNT")
    @Idempotent
    @Path("/{id}/disable")
    @ProblemCodes({ProblemCode.NOT_FOUND, ProblemCode.OWN_ACCOUNT})
    @Operation(operationId = "disableAccount", summary = "Disable an account: it can no longer log in, and its access tokens stop working at once",
            description = "A disabled account can no longer log in, and every session it has ends at once, on every instance. "
                    + "An admin cannot disable their own account.")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = "ETag", description = "Its new version"))
    @APIResponse(responseCode = "404", description = "No such account in the kabupaten")
    @APIResponse(responseCode = "409", description = "An admin cannot disable their own account")
    public RestResponse<AccountView> disable(@RestPath long id,
                                             @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(AccountView.of(accounts.setEnabled(caller, id, ifMatch, false)));
    }

    @POST
    @Audited(target = "ACCOUNT")
    @Idempotent
    @Path("/{id}/enable")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "enableAccount", summary = "Enable a disabled account",
            description = "Lets a disabled account log in again. Enabling an enabled account changes nothing but answers "
                    + "the account.")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = "ETag", description = "Its new version"))
    @APIResponse(responseCode = "404", description = "No such account in the kabupaten")
    public RestResponse<AccountView> enable(@RestPath long id,
                                            @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(AccountView.of(accounts.setEnabled(caller, id, ifMatch, true)));
    }

    @POST
    @Audited(target = "ACCOUNT")
    @Idempotent
    @Path("/{id}/unlock")
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "unlockAccount", summary = "Lift the waits that failed logins put on an account's logins",
            description = "Clears the count of failed logins and lets every address try again at once, on every instance.")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = "ETag", description = "Its new version"))
    @APIResponse(responseCode = "404", description = "No such account in the kabupaten")
    public RestResponse<AccountView> unlock(@RestPath long id,
                                            @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return RestResponse.ok(AccountView.of(accounts.unlock(caller, id, ifMatch)));
    }

    @POST
    @Audited(target = "ACCOUNT")
    @Path("/{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "resetAccountPassword", summary = "Set a new password for an account",
            description = "Ends every session of the account (its access tokens stop working at once, on every instance) and "
                    + "lifts the waits that failed logins put on it. The account must replace the password with its own at its "
                    + "next login, and may call nothing else until it has.")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = "ETag", description = "Its new version"))
    @APIResponse(responseCode = "400", description = "The password does not obey the policy")
    @APIResponse(responseCode = "404", description = "No such account in the kabupaten")
    public RestResponse<AccountView> resetPassword(@RestPath long id,
                                                   @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
                                                   @Valid @NotNull PasswordReset request) {
        return RestResponse.ok(AccountView.of(accounts.resetPassword(caller, id, ifMatch, request.password())));
    }
}
