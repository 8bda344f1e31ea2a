package id.go.layanandesa.retention;

import java.util.List;

/**
 * Fired in the transaction that replaced the personal data of these requests by the marker. Whatever else holds
 * personal data of a request (attached files) observes it and removes that too: in the same transaction for rows,
 * after it commits ({@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}) for files.
 */
public record PersonalDataPurged(String kabupatenCode, List<Long> requestIds) {
}
