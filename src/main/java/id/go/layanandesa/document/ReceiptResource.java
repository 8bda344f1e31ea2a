package id.go.layanandesa.document;

import id.go.layanandesa.audit.AuditedRead;
import id.go.layanandesa.common.error.ProblemCode;
import id.go.layanandesa.common.openapi.ProblemCodes;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The receipt (tanda terima) the desa prints for the citizen, and its QR code for screens. */
@Path("/api/v1/requests/{id}/receipt")
@Tag(name = "Documents")
@RolesAllowed({Role.DESA_OFFICER_, Role.ADMIN_, Role.OPD_OFFICER_, Role.OPD_SYSTEM_})
public class ReceiptResource {

    @Inject
    Caller caller;

    @Inject
    ReceiptService receipts;

    @GET
    @AuditedRead(request = "id")
    @Produces({"application/pdf", "application/problem+json"})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "requestReceipt", summary = "The request's receipt as PDF, for A4 or 80 mm thermal paper",
            description = "In Bahasa Indonesia: the tracking code, the service, the applicant, the OPD, when it was filed and is due, "
                    + "each declared document and whether it is attached (with how many files) or brought on paper, and a QR code "
                    + "of the public tracking page (`<layanan.documents.public-base-url>/lacak/<code>`). `format=THERMAL` gives a "
                    + "strip 80 mm wide, as long as the receipt. It names the applicant: recorded in the audit trail as a read of "
                    + "the request's personal data.")
    @APIResponse(responseCode = "200", description = "The receipt",
            headers = @Header(name = "Content-Disposition", description = "`inline`, named `tanda-terima-<code>.pdf`"),
            content = @Content(mediaType = "application/pdf"))
    @APIResponse(responseCode = "404", description = "No such request in your scope")
    public Response receipt(@PathParam("id") long id,
                            @Parameter(description = "A4 (default) or THERMAL (80 mm roll)") @QueryParam("format") @DefaultValue("A4") Receipt.Format format) {
        Receipt receipt = receipts.receipt(caller, id);
        return Response.ok(ReceiptPdf.render(receipt, format), "application/pdf")
                .header("Content-Disposition", Downloads.disposition("inline", "tanda-terima-" + receipt.trackingCode() + ".pdf"))
                .header(HttpHeaders.CACHE_CONTROL, Downloads.CACHE_CONTROL).build();
    }

    @GET
    @Path("/qr")
    @Produces({"image/png", "application/problem+json"})
    @ProblemCodes({ProblemCode.NOT_FOUND})
    @Operation(operationId = "requestReceiptQr", summary = "The QR code of the request's tracking page, as PNG",
            description = "The same QR code the receipt prints, for showing on a screen.")
    @APIResponse(responseCode = "200", description = "The QR code", content = @Content(mediaType = "image/png"))
    @APIResponse(responseCode = "404", description = "No such request in your scope")
    public Response qr(@PathParam("id") long id) {
        Receipt receipt = receipts.receipt(caller, id);
        return Response.ok(ReceiptPdf.qrPng(receipt.trackingUrl(), 6), "image/png")
                .header(HttpHeaders.CACHE_CONTROL, Downloads.CACHE_CONTROL).build();
    }
}
