package id.go.layanandesa.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.PageQuery;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The audit trail: a kabupaten's for its admins, the whole installation's for operators. */
@Path("/api/v1/audit-entries")
@Tag(name = "Audit")
public class AuditResource {

    public enum Format { JSON, CSV }

    @Inject
    Caller caller;

    @Inject
    AuditStore store;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @GET
    @Produces({MediaType.APPLICATION_JSON, AuditCsv.MEDIA_TYPE})
    @RolesAllowed({Role.ADMIN_, Role.OPERATOR_})
    @ProblemCodes({ProblemCode.VALIDATION_FAILED})
    @Operation(operationId = "listAuditEntries", summary = "The audit trail, newest first: the kabupaten's for an admin, the installation's for an operator",
            description = """
                    Every administrative change (accounts, API keys, OPDs, catalog, routing, holidays, regions, the retention \
                    policy) and every read of citizens' personal data (a request's detail, the lists that show names, claims, \
                    a citizen's data export), with who, when, from which address and under which request id; the purges of \
                    the retention job too. Entries name things by id and never hold the personal data itself. Changes are \
                    recorded in their own transaction; reads within a fraction of a second. Filters combine; keyset paging \
                    (pass `next` as `cursor`). As CSV (`format=CSV` or `Accept: text/csv`) it is every entry that matches, \
                    from the cursor on, not one page. An admin reads the entries of their own kabupaten; an operator reads \
                    the whole installation's (every kabupaten's, and the installation's own such as onboardings and \
                    backups), or one kabupaten's with `kabupaten`.""")
    @APIResponse(responseCode = "200", description = "A page of entries (JSON), or every matching entry (CSV)",
            headers = @Header(name = "Content-Disposition", description = "For CSV: a file name to save it under",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditViews.Page.class)),
                    @Content(mediaType = AuditCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "RFC 4180 CSV, UTF-8 with a byte order mark, one entry a line, the columns of the "
                                    + "JSON entry (request_ids space separated, detail as JSON)"),
                            example = "id,at,kabupaten_code,actor_kind,actor,actor_name,actor_role,action,target_type,target_id,"
                                    + "request_ids,client_address,request_id,client_request_id,detail\r\n"
                                    + "5012,2026-11-30T02:15:00.123456Z,73.24,SESSION,account:1001,admin,ADMIN,updateOpd,OPD,1051,,"
                                    + "203.0.113.7,5f2c9a1e7b3d4c10,,\"{\"\"fields\"\":[\"\"name\"\"]}\"\r\n")})
    @APIResponse(responseCode = "400", description = "A filter, the range, the format or the cursor is invalid, or an admin "
            + "names another kabupaten")
    @APIResponse(responseCode = "406", description = "Accept names neither JSON nor CSV")
    public Response list(
            @Parameter(description = "At or after this instant", example = "2026-11-01T00:00:00Z") @QueryParam("from") Instant from,
            @Parameter(description = "Before this instant", example = "2026-12-01T00:00:00Z") @QueryParam("to") Instant to,
            @Parameter(description = "Only this kabupaten's entries: for an operator; an admin may name only their own",
                    example = "73.24") @QueryParam("kabupaten") @Pattern(regexp = "\\d{2}\\.\\d{2}") String kabupaten,
            @Parameter(description = "Only this action (an operationId, or retention's purgePersonalData)", example = "getRequest")
            @QueryParam("action") @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]{0,59}") String action,
            @Parameter(description = "Only what this caller did", example = "account:1001")
            @QueryParam("actor") @Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9:._/-]+") String actor,
            @Parameter(description = "Only changes of this kind of thing", example = "ACCOUNT")
            @QueryParam("targetType") @Pattern(regexp = "[A-Z][A-Z_]{0,29}") String targetType,
            @Parameter(description = "Only changes of the thing with this id (with targetType)", example = "1051")
            @QueryParam("targetId") @Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9:._-]+") String targetId,
            @Parameter(description = "Only entries concerning this request's personal data", example = "1001")
            @QueryParam("requestId") @Positive Long requestId,
            @Parameter(description = "JSON (one page) or CSV (every matching entry); without it, Accept decides")
            @QueryParam("format") Format format,
            @Valid @BeanParam PageQuery paging,
            @Context HttpHeaders headers) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        String of = caller.is(Role.OPERATOR) ? kabupaten : caller.kabupatenCode();
        if (kabupaten != null && !kabupaten.equals(of)) {
            throw ProblemException.invalid("kabupaten", "an admin reads only the trail of their own kabupaten");
        }
        AuditStore.Query query = new AuditStore.Query(of, from, to, action, actor, targetType, targetId, requestId);
        if (formatOf(format, headers) == Format.CSV) {
            StreamingOutput csv = out -> {
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                AuditCsv table = new AuditCsv(writer, json);
                table.header();
                store.each(query, paging.cursor(), table::entry);
                writer.flush();
            };
            String name = "audit-" + (of == null ? "installation" : of) + "-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".csv";
            return Response.ok(csv, AuditCsv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
        }
        AuditStore.Page page = store.page(query, paging.cursor(), paging.limit());
        return Response.ok(new AuditViews.Page(page.items(), page.next()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The format asked for: the parameter, else the first of JSON and CSV that Accept allows, by its preference. */
    static Format formatOf(Format format, HttpHeaders headers) {
        if (format != null) {
            return format;
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Format.JSON;
            }
            if (accepted.isCompatible(MediaType.valueOf(AuditCsv.MEDIA_TYPE))) {
                return Format.CSV;
            }
        }
        return Format.JSON;
    }
}
