package id.go.layanandesa.account;

import id.go.layanandesa.common.openapi.MayBeAbsent;

import id.go.layanandesa.common.ClientAddress;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.AllowedBeforePasswordChange;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Capability;
import id.go.layanandesa.common.security.Role;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
public class AuthResource {

    @Inject
    LoginService login;

    @Inject
    Caller caller;

    @Inject
    MeService me;

    @Inject
    ClientAddress clientAddress;

    @Inject
    OwnPassword ownPassword;

    @Schema(name = "LoginRequest")
    public record LoginRequest(
            @NotBlank @Size(max = 60) @Schema(example = "desa.harapan") String username,
            @NotNull @Size(max = 200) @Schema(example = "k7Rm2pXq9wTz4nLb") String password) {
    }

    @Schema(name = "LoginResponse")
    public record LoginResponse(
            @Schema(description = "Send as `Authorization: Bearer <accessToken>`", example = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOi…")
            String accessToken,
            @Schema(example = "Bearer") String tokenType,
            @Schema(example = "2026-03-02T16:00:00Z") Instant expiresAt,
            AccountView account) {
    }

    @Schema(name = "Me", description = "Who the caller is and what it may do")
    public record MeView(
            @Schema(description = "PERSON for an account's token, SYSTEM for an API key", example = "PERSON") String kind,
            @Schema(example = "DESA_OFFICER") Role role,
            @MayBeAbsent @Schema(example = "Operator Desa Harapan") String name,
            @MayBeAbsent @Schema(description = "The account, for people with an account here", example = "1001") Long accountId,
            @MayBeAbsent @Schema(description = "The API key, for OPD systems", example = "51") Long apiKeyId,
            @MayBeAbsent @Schema(description = "Absent for an OPERATOR, which belongs to no kabupaten", example = "73.24") String kabupatenCode,
            @MayBeAbsent @Schema(example = "Kabupaten Luwu Timur") String kabupatenName,
            @MayBeAbsent @Schema(example = "73.24.04.2001") String desaCode,
            @MayBeAbsent @Schema(example = "Harapan") String desaName,
            @MayBeAbsent @Schema(example = "1051") Long opdId,
            @MayBeAbsent @Schema(example = "Dinas Kependudukan dan Pencatatan Sipil") String opdName,
            @Schema(description = "What the caller may do; clients draw their menus from it. Empty while the account must "
                    + "set its own password", example = "[\"FILE_REQUESTS\", \"VIEW_REQUESTS\"]") List<Capability> capabilities,
            @Schema(description = "The password was set by someone else: the account may do nothing but set its own with "
                    + "POST /api/v1/me/password (and read this, and log out)", example = "false") boolean passwordChangeRequired) {
    }

    @Schema(name = "OwnPasswordChange")
    public record OwnPasswordChange(
            @NotNull @Size(max = 200) @Schema(description = "The password the account logged in with (for a new account: its "
                    + "one-time password or activation secret)", example = "k7Rm2pXq9wTz4nLb") String currentPassword,
            @NotNull @Size(max = 200) @Schema(description = "At least 10 characters with a letter and a digit, not the username, "
                    + "not the current password", example = "Harapan2026pelayanan") String newPassword) {
    }

    @POST
    @Path("/auth/login")
    @PermitAll
    @ProblemCodes({ProblemCode.INVALID_CREDENTIALS, ProblemCode.RATE_LIMITED, ProblemCode.LOGIN_BUSY})
    @Operation(operationId = "login", summary = "Log in with a username and password and get an access token",
            description = "Each login opens a session; the token works until it expires, the session is ended by logout, "
                    + "or the account gets a new password or is disabled. Failed logins slow down the address that makes "
                    + "them: after 5 in a row for one username, each further try from that address waits 1 s, 2 s, 4 s ... "
                    + "up to 15 min (429 with Retry-After); other addresses are not held up.")
    @APIResponse(responseCode = "200", description = "The access token and the account")
    @APIResponse(responseCode = "400", description = "The body is not a username and password")
    @APIResponse(responseCode = "401", description = "Wrong username or password, or the account is disabled")
    @APIResponse(responseCode = "429", description = "Too many failed logins for this username from this address, from this "
            + "address, or for this username; try again after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)))
    @APIResponse(responseCode = "503", description = "Too many logins are being checked at once; try again after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)))
    public LoginResponse login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        LoginService.Login result = login.login(request.username(), request.password(), clientAddress.of(http).key());
        return new LoginResponse(result.token().value(), "Bearer", result.token().expiresAt(), result.account());
    }

    @POST
    @Path("/auth/logout")
    @AllowedBeforePasswordChange
    @RolesAllowed({Role.OPERATOR_, Role.ADMIN_, Role.VIEWER_, Role.DESA_OFFICER_, Role.OPD_OFFICER_})
    @ProblemCodes({ProblemCode.NO_LOCAL_SESSION})
    @Operation(operationId = "logout", summary = "Log out: end the session of the access token sent",
            description = "The token (and every copy of it) stops working at once, on every instance. Other sessions of the "
                    + "account, on other devices, go on. Sending the token again afterwards gets 401.")
    @APIResponse(responseCode = "204", description = "The session has ended")
    @APIResponse(responseCode = "403", description = "An API key is revoked by an admin, not logged out")
    @APIResponse(responseCode = "409", description = "The token is an external identity provider's: log out there")
    public void logout() {
        String session = caller.sessionId();
        if (session == null) {
            throw ProblemException.conflict("NO_LOCAL_SESSION", "this token was issued by an external identity provider; log out there");
        }
        login.logout(UUID.fromString(session));
    }

    @POST
    @Path("/me/password")
    @AllowedBeforePasswordChange
    @Consumes(MediaType.APPLICATION_JSON)
    // 204 or a problem: a client that accepts only problems (all the spec says this operation answers with a body) is served
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @RolesAllowed({Role.OPERATOR_, Role.ADMIN_, Role.VIEWER_, Role.DESA_OFFICER_, Role.OPD_OFFICER_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED, ProblemCode.NO_LOCAL_SESSION, ProblemCode.RATE_LIMITED, ProblemCode.LOGIN_BUSY})
    @Operation(operationId = "changeOwnPassword", summary = "Set your own password, giving the current one",
            description = "Any account with a session here sets its own password. The account's other sessions end at once, "
                    + "on every instance (as when an admin sets a password); the session of the token sent goes on. An account "
                    + "whose password was set by someone else (a new account, a reset, a one-time activation secret) may call "
                    + "nothing else until it has. A wrong current password counts as a failed login: after 5 in a row from one "
                    + "address the next tries wait (429 with Retry-After).")
    @APIResponse(responseCode = "204", description = "The password is set; other sessions of the account have ended")
    @APIResponse(responseCode = "400", description = "The current password is wrong, or the new one does not obey the policy")
    @APIResponse(responseCode = "409", description = "The token is an external identity provider's: change the password there")
    @APIResponse(responseCode = "429", description = "Too many wrong current passwords from this address; try again after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)))
    @APIResponse(responseCode = "503", description = "Too many passwords are being checked at once; try again after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)))
    @id.go.layanandesa.audit.Audited(target = "ACCOUNT")
    public void changeOwnPassword(@Valid @NotNull OwnPasswordChange request, @Context HttpServerRequest http) {
        ownPassword.change(caller, request.currentPassword(), request.newPassword(), clientAddress.of(http).key());
    }

    @GET
    @Path("/me")
    @AllowedBeforePasswordChange
    @Authenticated
    @Operation(operationId = "me", summary = "Who the caller is and what it may do",
            description = "The caller's kind (a person or an OPD system), role, kabupaten, desa or OPD and capabilities, "
                    + "so that clients can draw their menus.")
    @APIResponse(responseCode = "200", description = "The caller")
    public MeView me() {
        return me.describe(caller);
    }
}
