package id.go.layanandesa.retention;

import id.go.layanandesa.audit.AuditNote;
import id.go.layanandesa.audit.Audited;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The kabupaten's retention of personal data, and citizens' requests for theirs. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Personal data")
@RolesAllowed(Role.ADMIN_)
public class RetentionResource {

    @Inject
    Caller caller;

    @Inject
    RetentionPolicies policies;

    @Inject
    PersonalDataPurge purge;

    @Inject
    RetentionJob job;

    @Inject
    CitizenData citizens;

    @Inject
    AuditNote auditNote;

    @Inject
    Clock clock;

    @GET
    @Path("/retention-policy")
    @Operation(operationId = "getRetentionPolicy", summary = "How long the kabupaten keeps the personal data of finished requests",
            description = "The period after a request finished (completed, rejected or cancelled) when its citizen's NIK, name, "
                    + "phone and address, its free-text answers, notes and document number are replaced by the marker [DIHAPUS]; "
                    + "statistics, the history of statuses and the tracking code stay. Until the kabupaten sets one, the "
                    + "installation's default holds (layanan.retention.default-period, P5Y), as a dry run only. The ETag is "
                    + "what a change sends in If-Match.")
    @APIResponse(responseCode = "200", description = "The policy and the daily job's last run",
            headers = @Header(name = "ETag", description = "The policy's version, for If-Match"),
            content = @Content(schema = @Schema(implementation = RetentionViews.Policy.class)))
    public RestResponse<RetentionViews.Policy> policy() {
        return RestResponse.ok(view(policies.of(caller.kabupatenCode())));
    }

    @PUT
    @Audited(target = "RETENTION_POLICY")
    @Path("/retention-policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "setRetentionPolicy", summary = "Set the kabupaten's retention period, as a dry run or to purge",
            description = "Look at the dry run first (GET /api/v1/retention-policy/dry-run: how many requests, of which "
                    + "services) with purge false; with purge true the daily job replaces the personal data of every request "
                    + "due, for good. Every purge is recorded in the audit trail.")
    @APIResponse(responseCode = "200", description = "The new policy; the same period and purge sent again change nothing, not even the version",
            headers = @Header(name = "ETag", description = "Its version"),
            content = @Content(schema = @Schema(implementation = RetentionViews.Policy.class)))
    @APIResponse(responseCode = "400", description = "The period is not one of 30 days to 100 years")
    public RestResponse<RetentionViews.Policy> setPolicy(
            @Parameter(description = "The policy's ETag, from reading it (\"0\" while the default holds)", required = true, example = "\"0\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull RetentionViews.PolicyUpdate body) {
        RetentionPolicies.Applied applied = policies.set(caller.kabupatenCode(), ifMatch, body.period(), body.purge(), now());
        RetentionPolicies.Policy policy = applied.policy();
        auditNote.target(caller.kabupatenCode()).put("period", policy.period().toString()).put("purge", policy.purge());
        if (!applied.changed()) {
            auditNote.changedNothing();
        }
        return RestResponse.ok(view(policy));
    }

    @GET
    @Path("/retention-policy/dry-run")
    @Operation(operationId = "getRetentionDryRun", summary = "What the retention policy would purge now",
            description = "How many finished requests are past the period, of which services, and since when; nothing is "
                    + "changed. The daily job under a dry-run policy records the same in the audit trail.")
    @APIResponse(responseCode = "200", description = "What is due",
            content = @Content(schema = @Schema(implementation = RetentionViews.DryRun.class)))
    public RetentionViews.DryRun dryRun() {
        RetentionPolicies.Policy policy = policies.of(caller.kabupatenCode());
        return purge.due(caller.kabupatenCode(), policy.period(), policies.cutoff(policy, now()));
    }

    @POST
    @Audited(target = "CITIZEN")
    @Path("/personal-data/export")
    @Consumes(MediaType.APPLICATION_JSON)
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "exportCitizenData", summary = "Everything the kabupaten holds about one NIK, as one JSON document",
            description = "For a citizen's request of access to their personal data (UU 27/2022): every request filed for the "
                    + "NIK in the kabupaten, with its answers, documents, notes and whole history; the files of those requests "
                    + "(what each is and where to download it, not its content); the satisfaction surveys answered about them. "
                    + "The NIK travels in the body, "
                    + "not the URL, so that it stays out of access logs. The export is recorded in the audit trail with the "
                    + "requests it held (never the NIK).")
    @APIResponse(responseCode = "200", description = "The document",
            content = @Content(schema = @Schema(implementation = RetentionViews.Export.class)))
    @APIResponse(responseCode = "400", description = "The NIK is not 16 digits")
    public RetentionViews.Export export(@Valid @NotNull RetentionViews.ExportRequest body) {
        RetentionViews.Export export = citizens.export(caller.kabupatenCode(), body.nik(), now());
        auditNote.requests(export.requests().stream().map(r -> r.id()).toList()).put("requests", export.requests().size());
        return export;
    }

    private RetentionViews.Policy view(RetentionPolicies.Policy p) {
        return new RetentionViews.Policy(p.kabupatenCode(), p.period().toString(), p.purge(), p.own(), p.version(), p.updatedAt(),
                job.lastRun(p.kabupatenCode()).orElse(null));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
