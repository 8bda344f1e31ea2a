package id.go.layanandesa.holiday;

import id.go.layanandesa.audit.Audited;
import id.go.layanandesa.common.InputRules;
import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1/holidays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Holidays")
public class HolidayResource {

    @Inject
    HolidayService holidays;

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DESA_OFFICER_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_, Role.VIEWER_})
    @Operation(operationId = "listHolidays", summary = "The holidays of the caller's kabupaten in a year, by date",
            description = "Holidays and joint leave days (cuti bersama) of one year that due dates skip; empty when none "
                    + "were entered.")
    @APIResponse(responseCode = "200", description = "The year's holidays; empty when none were entered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = HolidayView.class)))
    @APIResponse(responseCode = "400", description = "The year is out of range")
    public List<HolidayView> list(@Parameter(description = "Default: the current year in the kabupaten's zone", example = "2026")
                                  @QueryParam("year") @Min(1900) @Max(2200) Integer year) {
        return holidays.list(year);
    }

    @POST
    @Audited(target = "HOLIDAY")
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.DUPLICATE_HOLIDAY})
    @Operation(operationId = "createHoliday", summary = "Add a holiday or joint leave day that due dates skip",
            description = "Requests already filed keep their due date.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HolidayView.class)))
    @APIResponse(responseCode = "400", description = "The date or name is missing or invalid")
    @APIResponse(responseCode = "409", description = "DUPLICATE_HOLIDAY: the date already is a holiday")
    public Response create(@Valid @NotNull HolidayCreate body, @Context UriInfo uri) {
        HolidayView view = holidays.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(view.date().toString()).build()).entity(view).build();
    }

    @DELETE
    @Audited(target = "HOLIDAY")
    @Path("/{date}")
    @RolesAllowed(Role.ADMIN_)
    @ProblemCodes({ProblemCode.VALIDATION_FAILED, ProblemCode.NOT_FOUND})
    @Operation(operationId = "deleteHoliday", summary = "Remove a holiday", description = "Requests already filed keep their due date.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "The date is not an ISO date")
    @APIResponse(responseCode = "404", description = "The date is no holiday of the caller's kabupaten")
    public void delete(@Parameter(example = "2026-12-24") @PathParam("date") String date) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("date", "must be an ISO date like 2026-12-24");
        }
        if (InputRules.dateProblem(day) != null) {
            throw ProblemException.invalid("date", InputRules.dateProblem(day));
        }
        holidays.delete(day);
    }
}
