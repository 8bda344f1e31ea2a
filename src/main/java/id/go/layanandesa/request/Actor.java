package id.go.layanandesa.request;

import id.go.layanandesa.common.security.Caller;

/** Who did something to a request, as the history records it. */
public record Actor(String kind, Long id, String name, String principal) {

    public static Actor of(Caller caller) {
        Long id = caller.accountId() != null ? caller.accountId() : caller.apiKeyId();
        return new Actor(caller.role().name(), id, caller.displayName(), caller.principalKey());
    }

    public static final Actor SYSTEM = new Actor("SYSTEM", null, "layanan-desa", "system");
}
