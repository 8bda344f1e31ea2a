package id.go.layanandesa.audit;

import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link Audited} method adds to its audit entry: the id of what it changed when the path and the answer do
 * not name it, the requests whose personal data it concerned, and facts that explain the change (counts, the
 * names of settings), or that it changed nothing at all. Never personal data.
 */
@RequestScoped
public class AuditNote {

    private String targetId;
    private final List<Long> requests = new ArrayList<>();
    private final Map<String, Object> detail = new LinkedHashMap<>();
    private boolean changedNothing;

    public AuditNote target(Object id) {
        targetId = id == null ? null : id.toString();
        return this;
    }

    public AuditNote requests(List<Long> ids) {
        requests.addAll(ids);
        return this;
    }

    public AuditNote put(String key, Object value) {
        detail.put(key, value);
        return this;
    }

    /**
     * The call changed nothing (a dry run, a document or file that was applied already): it leaves no entry, as a
     * replayed answer does not.
     */
    public AuditNote changedNothing() {
        changedNothing = true;
        return this;
    }

    boolean isChangedNothing() {
        return changedNothing;
    }

    String targetId() {
        return targetId;
    }

    List<Long> requests() {
        return List.copyOf(requests);
    }

    Map<String, Object> detail() {
        return detail;
    }
}
