package id.go.layanandesa.queue;

import id.go.layanandesa.audit.ShowsPersonalData;
import id.go.layanandesa.request.RequestViews;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Claim", description = "Requests held for one consumer until the lease ends; accept, forward or release each, "
        + "sending the claimId")
public record ClaimView(
        @Schema(example = "3f1c2b9e-8d7a-4c55-9a51-0e2f6b7d1c44") UUID claimId,
        @Schema(example = "2026-11-30T02:20:00Z") Instant leaseUntil,
        @Schema(description = "Oldest due first; empty when no work came within the wait") List<RequestViews.RequestDetail> items)
        implements ShowsPersonalData {

    @Override
    public List<Long> requestsShown() {
        return items.stream().map(RequestViews.RequestDetail::id).toList();
    }
}
