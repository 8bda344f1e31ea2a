package id.go.layanandesa.common.error;

import id.go.layanandesa.common.openapi.MayBeAbsent;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem detail: the body of every error response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details, the body of every 4xx and 5xx response.")
public record Problem(
        @Schema(description = "URI reference naming the kind of problem", example = "urn:layanan-desa:problem:validation-failed")
        String type,
        @Schema(description = "Short summary of the kind of problem", example = "Validation failed")
        String title,
        @Schema(description = "HTTP status code", example = "400")
        int status,
        @Schema(description = "What went wrong in this occurrence", example = "2 fields are invalid")
        String detail,
        @MayBeAbsent @Schema(description = "The path of the request that failed", example = "/api/v1/requests")
        String instance,
        @Schema(description = "Stable machine-readable code", example = "VALIDATION_FAILED")
        String code,
        @MayBeAbsent @Schema(description = "The request id, also in the X-Request-Id header; quote it when reporting a fault", example = "5f2c9a1e7b3d4c10")
        String requestId,
        @MayBeAbsent @Schema(description = "For validation failures: one entry per invalid field")
        List<Violation> violations,
        @MayBeAbsent @Schema(description = "For state conflicts: the current status of the resource", example = "COMPLETED")
        String currentStatus,
        @MayBeAbsent @Schema(description = "For state conflicts: the actions allowed from the current status")
        List<String> allowed) {

    @Schema(name = "Violation", description = "One invalid field")
    public record Violation(
            @Schema(description = "Path of the field in the request", example = "citizen.nik") String field,
            @Schema(description = "What is wrong with it", example = "must be 16 digits") String message) {
    }

    /** The problem of one item of a batch: as the whole call would have answered it, without instance and request id. */
    public static Problem of(ProblemException e) {
        return new Problem(typeFor(e.code()), e.title(), e.status(), e.getMessage(), null, e.code(), null, e.violations(),
                e.currentStatus(), e.allowed());
    }

    public static String typeFor(String code) {
        return "urn:layanan-desa:problem:" + code.toLowerCase().replace('_', '-');
    }
}
