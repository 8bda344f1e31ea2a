package id.go.layanandesa.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An answer that shows citizens' personal data: it says whose, by request, for the audit trail. */
public interface ShowsPersonalData {

    /** The requests whose personal data the answer shows; empty when it shows none. */
    @JsonIgnore
    java.util.List<Long> requestsShown();
}
