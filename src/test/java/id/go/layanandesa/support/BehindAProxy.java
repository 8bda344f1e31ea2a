package id.go.layanandesa.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The service behind a reverse proxy on the same host: requests from 127.0.0.1 carry the client's address in
 * X-Forwarded-For, so tests can speak for as many clients as they like. The login limits are small, so that reaching
 * them takes few password checks, and one password check runs at a time.
 */
public class BehindAProxy implements QuarkusTestProfile {

    public static final int ADDRESS_FAILURES = 15;
    public static final int USERNAME_FAILURES = 15;
    public static final int MAX_DELAY_SECONDS = 20;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "layanan.http.trusted-proxies", "127.0.0.1,::1",
                "layanan.auth.throttle.address-failures", Integer.toString(ADDRESS_FAILURES),
                "layanan.auth.throttle.username-failures", Integer.toString(USERNAME_FAILURES),
                "layanan.auth.throttle.max-delay", "PT" + MAX_DELAY_SECONDS + "S",
                "layanan.auth.throttle.password-checks", "1",
                "layanan.auth.throttle.password-check-wait", "PT60S");
    }
}
