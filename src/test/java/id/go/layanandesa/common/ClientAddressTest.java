package id.go.layanandesa.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Where a call comes from, for every shape of proxy chain: the client is what the last trusted proxy saw. */
class ClientAddressTest {

    static final ClientAddress.Trust NONE = ClientAddress.Trust.parse(List.of(), 0);
    static final ClientAddress.Trust LOCAL_PROXY = ClientAddress.Trust.parse(List.of("127.0.0.1"), 0);
    static final ClientAddress.Trust PRIVATE_NETS = ClientAddress.Trust.parse(List.of("10.0.0.0/8", "192.168.0.0/16", "fd00::/8"), 0);
    static final ClientAddress.Trust ONE_HOP = ClientAddress.Trust.parse(List.of(), 1);
    static final ClientAddress.Trust TWO_HOPS = ClientAddress.Trust.parse(List.of(), 2);

    static Stream<Arguments> chains() {
        return Stream.of(
                // trust, socket peer, X-Forwarded-For values, client
                Arguments.of("no proxy trusted: the header is never read", NONE, "203.0.113.7", List.of("198.51.100.1"), "203.0.113.7"),
                Arguments.of("no proxy trusted, no header", NONE, "203.0.113.7", List.of(), "203.0.113.7"),
                Arguments.of("a trusted proxy's single entry", LOCAL_PROXY, "127.0.0.1", List.of("203.0.113.7"), "203.0.113.7"),
                Arguments.of("a spoofed entry left of the proxy's", LOCAL_PROXY, "127.0.0.1", List.of("1.2.3.4, 203.0.113.7"), "203.0.113.7"),
                Arguments.of("many spoofed entries", LOCAL_PROXY, "127.0.0.1", List.of("1.1.1.1,2.2.2.2, 3.3.3.3 ,203.0.113.7"), "203.0.113.7"),
                Arguments.of("the header repeated: values join in order", LOCAL_PROXY, "127.0.0.1", List.of("1.2.3.4", "203.0.113.7"), "203.0.113.7"),
                Arguments.of("a peer that is not a trusted proxy", LOCAL_PROXY, "198.51.100.9", List.of("203.0.113.7"), "198.51.100.9"),
                Arguments.of("a trusted proxy that sent no header", LOCAL_PROXY, "127.0.0.1", List.of(), "127.0.0.1"),
                Arguments.of("an empty header", LOCAL_PROXY, "127.0.0.1", List.of(" , "), "127.0.0.1"),
                Arguments.of("two trusted proxies in a row", PRIVATE_NETS, "10.1.2.3", List.of("6.6.6.6, 203.0.113.7, 192.168.4.4"), "203.0.113.7"),
                Arguments.of("a client inside a trusted network is still found", PRIVATE_NETS, "10.1.2.3", List.of("192.168.9.9"), "192.168.9.9"),
                Arguments.of("all trusted: the left-most is the client", PRIVATE_NETS, "10.1.2.3", List.of("10.9.9.9, 192.168.4.4"), "10.9.9.9"),
                Arguments.of("IPv6 proxy range", PRIVATE_NETS, "fd12::1", List.of("6.6.6.6, 2001:db8::17"), "2001:db8::17"),
                Arguments.of("IPv6 client in brackets with a port", PRIVATE_NETS, "10.0.0.1", List.of("[2001:db8::17]:4711"), "2001:db8::17"),
                Arguments.of("IPv4 client with a port", PRIVATE_NETS, "10.0.0.1", List.of("203.0.113.7:51234"), "203.0.113.7"),
                Arguments.of("IPv4-mapped IPv6 peer", LOCAL_PROXY, "::ffff:127.0.0.1", List.of("203.0.113.7"), "203.0.113.7"),
                Arguments.of("IPv6 written long", PRIVATE_NETS, "10.0.0.1", List.of("2001:0db8:0000:0000:0000:0000:0000:0017"), "2001:db8::17"),
                Arguments.of("one hop: the last entry", ONE_HOP, "35.191.0.5", List.of("1.2.3.4, 203.0.113.7"), "203.0.113.7"),
                Arguments.of("two hops: the one before the last", TWO_HOPS, "35.191.0.5", List.of("1.2.3.4, 203.0.113.7, 130.211.0.9"), "203.0.113.7"),
                Arguments.of("fewer entries than hops: the left-most", TWO_HOPS, "35.191.0.5", List.of("203.0.113.7"), "203.0.113.7"),
                Arguments.of("what a trusted proxy saw, even if not an address", LOCAL_PROXY, "127.0.0.1", List.of("1.2.3.4, unknown"), "unknown"),
                Arguments.of("an obfuscated entry stops the walk", PRIVATE_NETS, "10.0.0.1", List.of("1.2.3.4, _hidden, 10.2.2.2"), "_hidden"),
                Arguments.of("a name is never looked up", LOCAL_PROXY, "127.0.0.1", List.of("localhost"), "localhost"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void theClientIsTheAddressTheLastTrustedProxySaw(String what, ClientAddress.Trust trust, String peer, List<String> header, String client) {
        assertEquals(client, ClientAddress.resolve(peer, header, trust));
    }

    @Test
    void anOverlongChainIsReadOnlyFromTheRight() {
        String spoofed = String.join(",", java.util.Collections.nCopies(5000, "6.6.6.6"));
        assertEquals("203.0.113.7", ClientAddress.resolve("127.0.0.1", List.of(spoofed + ",203.0.113.7"), LOCAL_PROXY));
    }

    @Test
    void whatIsNotAnAddressIsKeptShortAndPrintable() {
        String odd = ClientAddress.normalise("x\u0000y\nz" + "a".repeat(500));
        assertEquals("xyz" + "a".repeat(61), odd);
        assertEquals("unknown", ClientAddress.normalise(" \t"));
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("203.0.113.7", "203.0.113.7"),
                Arguments.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
                Arguments.of("2001:db8:1:2::1", "2001:db8:1:2::/64"),
                Arguments.of("unknown", "unknown"));
    }

    @ParameterizedTest(name = "{0} counts as {1}")
    @MethodSource("keys")
    void limitsCountAnIpv6ClientByItsSlash64(String address, String key) {
        assertEquals(key, ClientAddress.client(address).key());
    }

    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of("10.0.0.0/8", "10.255.1.1", true),
                Arguments.of("10.0.0.0/8", "11.0.0.1", false),
                Arguments.of("172.16.0.0/12", "172.31.255.255", true),
                Arguments.of("172.16.0.0/12", "172.32.0.0", false),
                Arguments.of("192.168.1.10", "192.168.1.10", true),
                Arguments.of("192.168.1.10", "192.168.1.11", false),
                Arguments.of("0.0.0.0/0", "8.8.8.8", true),
                Arguments.of("0.0.0.0/0", "2001:db8::1", false),
                Arguments.of("2001:db8::/32", "2001:db8:ffff::1", true),
                Arguments.of("2001:db8::/32", "2001:db9::1", false),
                Arguments.of("::1", "::1", true),
                Arguments.of("10.0.0.0/8", "not-an-address", false));
    }

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @MethodSource("ranges")
    void trustedProxiesAreAddressesOrCidrRanges(String range, String address, boolean trusted) {
        assertEquals(trusted, ClientAddress.Trust.parse(List.of(range), 0).trusts(0, address));
    }

    @Test
    void aMistakeInTheListOfProxiesStopsTheStart() {
        for (String bad : List.of("10.0.0.0/33", "10.0.0.0/-1", "proxy.example", "10.0.0", "[::1]", "::1/129", "10.0.0.1:80", "10.0.0.0/x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientAddress.Trust.parse(List.of(bad), 0), bad);
            assertTrue(e.getMessage().contains("layanan.http.trusted-proxies"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.Trust.parse(List.of(), -1));
    }

    @Test
    void theOldSettingThatTrustedTheLeftMostEntryStopsTheStartSayingWhatToSetInstead() {
        ClientAddress.refuseOldSetting(java.util.Optional.empty());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClientAddress.refuseOldSetting(java.util.Optional.of("X-Forwarded-For")));
        assertTrue(e.getMessage().startsWith("layanan.tracking.client-address-header is no longer read: set layanan.http.trusted-proxies"),
                e.getMessage());
    }
}
