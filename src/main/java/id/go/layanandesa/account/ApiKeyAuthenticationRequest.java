package id.go.layanandesa.account;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented in X-API-Key or as a bearer token. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
