package id.go.layanandesa.support;

import id.go.layanandesa.webhook.HostResolver;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Name lookups of webhook deliveries in tests: names a test maps (under {@code .test}, which no resolver answers)
 * resolve to the address it gives, as a DNS record would; every other name goes to the JVM's resolver.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestHostResolver extends HostResolver {

    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    public static void map(String name, String address) {
        NAMES.put(name, address);
    }

    public static void clear() {
        NAMES.clear();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String address = NAMES.get(host);
        if (address != null) {
            return new InetAddress[]{InetAddress.getByName(address)};
        }
        return super.resolve(host);
    }
}
