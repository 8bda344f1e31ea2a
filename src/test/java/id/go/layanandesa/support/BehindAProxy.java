package id.go.layanandesa.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The service behind a reverse proxy on the same host: requests from 127.0.0.1 carry the client's address in
 * X-Forwarded-For, so tests can speak for as many clients as they like.
 */
public class BehindAProxy implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("layanan.http.trusted-proxies", "127.0.0.1,::1");
    }
}
