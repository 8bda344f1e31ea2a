package id.go.layanandesa.webhook;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.error.Problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where deliveries may go. An endpoint is an https URL (http only where configured) whose host resolves, when a
 * delivery goes out, to public addresses only: loopback, link-local, private, shared, multicast and reserved
 * addresses are refused unless {@code layanan.webhooks.allowed-networks} names them. The delivery then connects
 * to the address that was checked (not to a second lookup of the name), and redirects are never followed.
 */
@ApplicationScoped
public class TargetPolicy {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** A delivery that must not go out, with why (no personal data). */
    public static class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** One network of the allow list. */
    record Network(byte[] address, int prefix) {
        static Network parse(String cidr) {
            String s = cidr.strip();
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(0, slash);
            try {
                byte[] bytes = literal(host).getAddress();
                int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + cidr);
                }
                return new Network(bytes, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("layanan.webhooks.allowed-networks: " + cidr + " is no address or network", e);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (b[full] & mask) == (address[full] & mask);
        }
    }

    @Inject
    LayananConfig config;

    @Inject
    HostResolver resolver;

    private volatile List<Network> allowed;

    /** What is wrong with an endpoint URL as given; checks the host when it is an address (names are checked at each delivery). */
    public List<Violation> check(String field, String url) {
        return check(field, url, config.webhooks().allowHttp(), allowed());
    }

    static List<Violation> check(String field, String url, boolean allowHttp, List<Network> allowed) {
        List<Violation> violations = new ArrayList<>();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            violations.add(new Violation(field, "is not a URL"));
            return violations;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            violations.add(new Violation(field, "must be an https:// URL"));
            return violations;
        }
        if (uri.getHost() == null || uri.getRawAuthority() == null) {
            violations.add(new Violation(field, "must name a host"));
            return violations;
        }
        if (uri.getRawUserInfo() != null) {
            violations.add(new Violation(field, "must not carry a user or password; the signature proves the sender"));
        }
        if (uri.getRawFragment() != null) {
            violations.add(new Violation(field, "must not have a fragment"));
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            violations.add(new Violation(field, "must have a port from 1 to 65535, or none"));
        }
        String host = host(uri);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            host = "127.0.0.1";
        }
        if (isLiteral(host)) {
            try {
                String reason = refusal(literal(host), allowed);
                if (reason != null) {
                    violations.add(new Violation(field, "is " + reason + ", which deliveries may not reach"));
                }
            } catch (UnknownHostException e) {
                violations.add(new Violation(field, "has an invalid address"));
            }
        }
        return violations;
    }

    /** Resolves the endpoint's host now and returns the checked address to connect to; every address must be allowed. */
    public InetAddress target(URI uri) throws Refused {
        String host = host(uri);
        InetAddress[] addresses;
        try {
            addresses = isLiteral(host) ? new InetAddress[]{literal(host)} : resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("the host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new Refused("the host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            String reason = refusal(a, allowed());
            if (reason != null) {
                throw new Refused("refused: " + host + (isLiteral(host) ? " is " : " resolves to " + a.getHostAddress() + ", ")
                        + reason + " (not in layanan.webhooks.allowed-networks)");
            }
        }
        return addresses[0];
    }

    /** Why deliveries may not reach this address, or null when they may. */
    static String refusal(InetAddress a, List<Network> allowed) {
        String category = category(a);
        if (category == null) {
            return null;
        }
        for (Network n : allowed) {
            if (n.contains(a)) {
                return null;
            }
        }
        return category;
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String category(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int b0 = b[0] & 0xFF;
            int b1 = b[1] & 0xFF;
            if (b0 == 0) {
                return "an unspecified address";
            }
            if (b0 == 100 && (b1 & 0xC0) == 64) {
                return "a shared address (carrier-grade NAT)";
            }
            if (b0 == 192 && b1 == 0 && (b[2] & 0xFF) == 0) {
                return "a protocol assignment address";
            }
            if (b0 == 198 && (b1 == 18 || b1 == 19)) {
                return "a benchmarking address";
            }
            if (b0 >= 240) {
                return "a reserved address";
            }
            return null;
        }
        if (a instanceof Inet6Address) {
            int b0 = b[0] & 0xFF;
            if ((b0 & 0xFE) == 0xFC) {
                return "a private address (unique local)";
            }
            if (b0 == 0xFE && (b[1] & 0xC0) == 0xC0) {
                return "a private address (site-local)";
            }
            // addresses that carry an IPv4 address: judge that one
            boolean zeroPrefix = Arrays.equals(Arrays.copyOf(b, 12), new byte[12]);
            boolean nat64 = b0 == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
                    && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
            if (zeroPrefix || nat64) {
                return category(v4(b, 12));
            }
            if (b0 == 0x20 && (b[1] & 0xFF) == 0x02) {
                return category(v4(b, 2));
            }
        }
        return null;
    }

    private static InetAddress v4(byte[] b, int from) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Network> allowed() {
        List<Network> a = allowed;
        if (a == null) {
            a = config.webhooks().allowedNetworks().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Network::parse).toList();
            allowed = a;
        }
        return a;
    }

    static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteral(String host) {
        return IPV4_LITERAL.matcher(host).matches() || host.indexOf(':') >= 0;
    }

    /** An address written as one, never looked up. */
    private static InetAddress literal(String host) throws UnknownHostException {
        if (!IPV4_LITERAL.matcher(host).matches() && host.indexOf(':') < 0) {
            throw new UnknownHostException(host);
        }
        return InetAddress.getByName(host);
    }
}
