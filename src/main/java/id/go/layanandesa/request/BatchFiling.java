package id.go.layanandesa.request;

import id.go.layanandesa.common.openapi.MayBeAbsent;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.error.Problem;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.idempotency.IdempotentCalls;
import io.quarkus.narayana.jta.QuarkusTransaction;
import id.go.layanandesa.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Files the requests a phone queued while offline: each item on its own, results in order. */
@ApplicationScoped
public class BatchFiling {

    private static final Logger LOG = Logger.getLogger(BatchFiling.class);
    public static final int MAX_ITEMS = 100;

    @Schema(name = "BatchFilingRequest")
    public record BatchRequest(@NotEmpty @Size(max = MAX_ITEMS) List<@NotNull @Valid Item> items) {
    }

    @Schema(name = "BatchFilingItem")
    public record Item(
            @Schema(description = "The item's own Idempotency-Key", example = "harapan-20261129-0008") @NotBlank @Size(max = 100) String idempotencyKey,
            @Schema(description = "The filing, as for POST /api/v1/requests") @NotNull FilingRequest filing) {
    }

    @Schema(name = "BatchFilingItemResult")
    public record ItemResult(
            @Schema(description = "Position in the batch, from 0", example = "0") int index,
            @Schema(example = "harapan-20261129-0008") String idempotencyKey,
            @Schema(description = "The status filing alone would have answered", example = "201") int status,
            @MayBeAbsent @Schema(description = "On success: the filing receipt") RequestViews.FilingReceipt receipt,
            @MayBeAbsent @Schema(description = "On failure: the problem") Problem problem,
            @Schema(description = "True when this item had been filed before under its key", example = "false") boolean replayed) {
    }

    @Schema(name = "BatchFilingResult")
    public record BatchResult(List<ItemResult> items,
                              @Schema(example = "2") int filed,
                              @Schema(example = "1") int failed) {
    }

    /** The operation a batch item files, under the same name as {@code POST /api/v1/requests}: one key, one filing. */
    static final String OPERATION = "file";
    static final String PATH = "/api/v1/requests";

    @Inject
    FilingService filing;

    @Inject
    IdempotentCalls calls;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper mapper;

    public BatchResult file(Caller caller, BatchRequest batch) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < batch.items().size(); i++) {
            if (!keys.add(batch.items().get(i).idempotencyKey())) {
                throw ProblemException.invalid("items[" + i + "].idempotencyKey", "repeats the key of an earlier item");
            }
        }
        List<ItemResult> results = new ArrayList<>();
        int filed = 0;
        for (int i = 0; i < batch.items().size(); i++) {
            Item item = batch.items().get(i);
            ItemResult result = fileOne(caller, i, item);
            if (result.status() < 300) {
                filed++;
            }
            results.add(result);
        }
        return new BatchResult(results, filed, results.size() - filed);
    }

    private ItemResult fileOne(Caller caller, int index, Item item) {
        try {
            Set<ConstraintViolation<FilingRequest>> invalid = validator.validate(item.filing());
            if (!invalid.isEmpty()) {
                throw ProblemException.invalid(invalid.stream()
                        .map(v -> new Problem.Violation(v.getPropertyPath().toString(), v.getMessage()))
                        .sorted(Comparator.comparing(Problem.Violation::field))
                        .toList());
            }
            IdempotentCalls.checkKey(item.idempotencyKey());
            String principal = caller.principalKey();
            String fingerprint = calls.fingerprint(OPERATION, java.util.Arrays.asList(PATH, item.filing()));
            IdempotentCalls.Outcome outcome = QuarkusTransaction.requiringNew().call(() -> calls.execute(principal,
                    item.idempotencyKey(), fingerprint, () -> {
                        RequestViews.FilingReceipt receipt = filing.file(caller, item.filing());
                        return IdempotentCalls.Answer.of(201, receipt, PATH + "/" + receipt.id());
                    }));
            if (outcome.replayed()) {
                return new ItemResult(index, item.idempotencyKey(), outcome.replay().status(),
                        mapper.readValue(outcome.replay().json(), RequestViews.FilingReceipt.class), null, true);
            }
            return new ItemResult(index, item.idempotencyKey(), outcome.answer().status(),
                    (RequestViews.FilingReceipt) outcome.answer().body(), null, false);
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
            if (e.getCause() instanceof ProblemException problem) {
                return failed(index, item, problem);
            }
            return unexpected(index, item, e);
        } catch (ProblemException e) {
            return failed(index, item, e);
        } catch (Exception e) {
            return unexpected(index, item, e);
        }
    }

    private static ItemResult failed(int index, Item item, ProblemException e) {
        return new ItemResult(index, item.idempotencyKey(), e.status(), null, Problem.of(e), false);
    }

    private static ItemResult unexpected(int index, Item item, Exception e) {
        LOG.errorf("batch item %d failed unexpectedly: %s", index, id.go.layanandesa.common.error.SafeTraces.describe(e));
        Problem problem = new Problem(Problem.typeFor("INTERNAL_ERROR"), "Internal error", 500,
                "this item failed unexpectedly; retry it with the same key", null, "INTERNAL_ERROR", null, null, null, null);
        return new ItemResult(index, item.idempotencyKey(), 500, null, problem, false);
    }
}
