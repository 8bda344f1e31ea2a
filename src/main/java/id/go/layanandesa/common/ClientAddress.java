package id.go.layanandesa.common;

import io.netty.util.NetUtil;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one place that decides where a call comes from; rate limits, the login throttle and audit records use it.
 * <p>
 * A proxy appends the address it received a request from to {@code X-Forwarded-For}, so everything left of what a
 * trusted proxy appended is whatever the client chose to send. The client is therefore found from the right: start at
 * the socket's peer, and while that address is a trusted proxy (one of {@code layanan.http.trusted-proxies}, or one of
 * the first {@code layanan.http.trusted-proxy-hops} hops) step to the address it appended. With no trusted proxy
 * configured the header is never read and the peer is the client.
 */
@ApplicationScoped
public class ClientAddress {

    /** Entries of the header looked at, from the right; more than this many proxies in a row is not a real chain. */
    static final int MAX_ENTRIES = 32;
    private static final int MAX_LENGTH = 64;

    /**
     * A caller's address and the key limits count it by: the address itself for IPv4, its /64 for IPv6 (one
     * subscriber's network, which can hold any number of addresses).
     */
    public record Client(String address, String key) {
    }

    private final Trust trust;
    private final String header;

    @Inject
    public ClientAddress(LayananConfig config) {
        this.trust = Trust.parse(config.http().trustedProxies().orElse(List.of()), config.http().trustedProxyHops());
        this.header = config.http().clientAddressHeader();
    }

    /**
     * The setting this replaced took the left-most (client-chosen) entry of its header; ignored, it would make every
     * client behind the proxy one address. A start that finds it says what to set instead.
     */
    void refuseTheOldSetting(@Observes StartupEvent event) {
        refuseOldSetting(ConfigProvider.getConfig().getOptionalValue(OLD_SETTING, String.class));
    }

    static final String OLD_SETTING = "layanan.tracking.client-address-header";

    static void refuseOldSetting(java.util.Optional<String> value) {
        if (value.isPresent()) {
            throw new IllegalStateException(OLD_SETTING + " is no longer read: set layanan.http.trusted-proxies to the addresses "
                    + "of the proxies in front of the service (and layanan.http.client-address-header if their header is not "
                    + "X-Forwarded-For)");
        }
    }

    public Client of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().host();
        List<String> forwarded = trust.trustsAnything() ? request.headers().getAll(header) : List.of();
        return client(resolve(peer, forwarded, trust));
    }

    /** The client address for a peer and the values of the forwarding header, under the given trust. */
    static String resolve(String peer, List<String> headerValues, Trust trust) {
        String peerAddress = peer == null ? "unknown" : normalise(peer);
        if (!trust.trustsAnything()) {
            return peerAddress;
        }
        List<String> chain = new ArrayList<>();
        for (String value : headerValues) {
            for (String entry : value.split(",")) {
                String e = entry.strip();
                if (!e.isEmpty()) {
                    chain.add(e);
                }
            }
        }
        if (chain.size() > MAX_ENTRIES) {
            chain = new ArrayList<>(chain.subList(chain.size() - MAX_ENTRIES, chain.size()));
        }
        chain.add(peerAddress);
        int i = chain.size() - 1;
        int hop = 0;
        while (i > 0 && trust.trusts(hop, chain.get(i))) {
            i--;
            hop++;
        }
        return normalise(chain.get(i));
    }

    /** The address with its limit key. */
    static Client client(String address) {
        byte[] bytes = bytesOf(address);
        if (bytes == null || bytes.length == 4) {
            return new Client(address, address);
        }
        byte[] prefix = Arrays.copyOf(bytes, 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        return new Client(address, NetUtil.bytesToIpAddress(prefix) + "/64");
    }

    /**
     * An address in one canonical form (IPv6 compressed, IPv4-mapped IPv6 as IPv4, no port, no brackets); what is
     * not an address is kept as sent, cut short and without control characters, so that it still counts as one caller.
     */
    static String normalise(String entry) {
        byte[] bytes = bytesOf(entry);
        if (bytes != null) {
            return NetUtil.bytesToIpAddress(bytes);
        }
        StringBuilder s = new StringBuilder();
        entry.codePoints().filter(c -> c > 0x20 && c != 0x7f).limit(MAX_LENGTH).forEach(s::appendCodePoint);
        return s.isEmpty() ? "unknown" : s.toString();
    }

    /** The bytes of an address literal (never a name: nothing here looks anything up), or null. */
    static byte[] bytesOf(String entry) {
        String s = entry.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                return null;
            }
            s = s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            // a.b.c.d:port
            s = s.substring(0, s.indexOf(':'));
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (!NetUtil.isValidIpV4Address(s) && !NetUtil.isValidIpV6Address(s)) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
        if (bytes != null && bytes.length == 16 && isV4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** Which hops are trusted proxies: the first {@code hops} whatever their address, and any address in a range. */
    record Trust(List<Range> ranges, int hops) {

        static final Trust NONE = new Trust(List.of(), 0);

        static Trust parse(List<String> entries, int hops) {
            if (hops < 0) {
                throw new IllegalArgumentException("layanan.http.trusted-proxy-hops must not be negative: " + hops);
            }
            List<Range> ranges = new ArrayList<>();
            for (String entry : entries) {
                if (!entry.isBlank()) {
                    ranges.add(Range.parse(entry.strip()));
                }
            }
            return new Trust(List.copyOf(ranges), hops);
        }

        boolean trustsAnything() {
            return hops > 0 || !ranges.isEmpty();
        }

        boolean trusts(int hop, String address) {
            if (hop < hops) {
                return true;
            }
            byte[] bytes = bytesOf(address);
            return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
        }
    }

    /** An address or a CIDR range of addresses. */
    record Range(byte[] network, int prefixLength) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            boolean literal = NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address) && !address.contains("[");
            byte[] bytes = literal ? bytesOf(address) : null;
            if (bytes == null) {
                throw new IllegalArgumentException("layanan.http.trusted-proxies: not an address or CIDR range: " + text);
            }
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("layanan.http.trusted-proxies: bad prefix length in " + text);
                }
            }
            return new Range(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
