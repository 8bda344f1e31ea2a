package id.go.layanandesa.queue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A claim on an OPD's queue. */
@Schema(name = "ClaimBody")
public record ClaimBody(
        @Schema(description = "How many requests at most", example = "50", defaultValue = "10")
        @Min(value = 1, message = "must be at least 1") @Max(value = 100, message = "must be at most 100") Integer limit,
        @Schema(description = "How long the claimed requests are held for this consumer, in seconds", example = "300", defaultValue = "300") Integer leaseSeconds,
        @Schema(description = "Wait up to this many seconds for work when the queue is empty", example = "30", defaultValue = "0")
        @Min(value = 0, message = "must be at least 0") @Max(value = 30, message = "must be at most 30") Integer waitSeconds,
        @Schema(description = "Name of the consumer instance, shown in the request's claim", example = "siak-bridge-1")
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,50}", message = "must be 1 to 50 of A-Z a-z 0-9 . _ : -") String consumer) {
}
