package id.go.layanandesa.webhook;

import id.go.layanandesa.common.error.Problem.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Where deliveries may go: public addresses only, unless a network is allowed; https only, unless http is. */
class TargetPolicyTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1              | a loopback address
            127.8.9.10             | a loopback address
            ::1                    | a loopback address
            0.0.0.0                | an unspecified address
            0.1.2.3                | an unspecified address
            ::                     | an unspecified address
            10.1.2.3               | a private address
            172.16.0.1             | a private address
            172.31.255.255         | a private address
            192.168.1.10           | a private address
            169.254.169.254        | a link-local address
            fe80::1                | a link-local address
            fd00::1                | a private address (unique local)
            fc12:3456::1           | a private address (unique local)
            fec0::1                | a private address
            100.64.0.1             | a shared address (carrier-grade NAT)
            100.127.255.254        | a shared address (carrier-grade NAT)
            192.0.0.8              | a protocol assignment address
            198.18.0.1             | a benchmarking address
            224.0.0.1              | a multicast address
            ff02::1                | a multicast address
            240.0.0.1              | a reserved address
            255.255.255.255        | a reserved address
            ::ffff:10.0.0.1        | a private address
            ::ffff:127.0.0.1       | a loopback address
            64:ff9b::a00:1         | a private address
            2002:a00:1::1          | a private address
            ::a00:1                | a private address
            """)
    void nonPublicAddressesAreKnownForWhatTheyAre(String address, String category) throws Exception {
        assertEquals(category, TargetPolicy.category(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "103.10.20.30", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1", "2001:4860:4860::8888",
            "2404:6800:4003::200e", "64:ff9b::808:808"})
    void publicAddressesMayBeReached(String address) throws Exception {
        assertNull(TargetPolicy.category(InetAddress.getByName(address)));
        assertNull(TargetPolicy.refusal(InetAddress.getByName(address), List.of()));
    }

    @Test
    void anAllowedNetworkLetsItsAddressesThroughAndNoOthers() throws Exception {
        List<TargetPolicy.Network> allowed = List.of(TargetPolicy.Network.parse("10.20.0.0/16"), TargetPolicy.Network.parse("127.0.0.1"),
                TargetPolicy.Network.parse("fd00:abcd::/32"));
        assertNull(TargetPolicy.refusal(InetAddress.getByName("10.20.3.4"), allowed));
        assertEquals("a private address", TargetPolicy.refusal(InetAddress.getByName("10.21.0.1"), allowed));
        assertNull(TargetPolicy.refusal(InetAddress.getByName("127.0.0.1"), allowed));
        assertEquals("a loopback address", TargetPolicy.refusal(InetAddress.getByName("127.0.0.2"), allowed));
        assertNull(TargetPolicy.refusal(InetAddress.getByName("fd00:abcd:1::5"), allowed));
        assertEquals("a private address (unique local)", TargetPolicy.refusal(InetAddress.getByName("fd00:abce::5"), allowed));
        assertEquals("a loopback address", TargetPolicy.refusal(InetAddress.getByName("::1"), allowed), "an IPv4 network allows no IPv6 address");
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.Network.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.Network.parse("intranet.example"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://hooks.example.go.id/layanan?x=1  |
            https://203.0.113.5:8443/in              |
            https://[2001:db8::5]/in                 |
            http://hooks.example.go.id/layanan       | must be an https:// URL
            ftp://hooks.example.go.id/               | must be an https:// URL
            hooks.example.go.id/in                   | must be an https:// URL
            https:///in                              | must name a host
            https://user:pw@hooks.example.go.id/in   | must not carry a user or password; the signature proves the sender
            https://hooks.example.go.id/in#frag      | must not have a fragment
            https://10.0.0.5/in                      | is a private address, which deliveries may not reach
            https://[fd00::1]/in                     | is a private address (unique local), which deliveries may not reach
            https://169.254.169.254/latest/meta-data | is a link-local address, which deliveries may not reach
            https://127.0.0.1:9000/in                | is a loopback address, which deliveries may not reach
            https://localhost:9000/in                | is a loopback address, which deliveries may not reach
            https://api.localhost/in                 | is a loopback address, which deliveries may not reach
            https://hooks example/in                 | is not a URL
            https://hooks.example.go.id:99999/in     | must have a port from 1 to 65535, or none
            https://hooks.example.go.id:0/in         | must have a port from 1 to 65535, or none
            https://hooks.example.go.id:65535/in     |
            """)
    void anEndpointIsAnHttpsUrlOfAPublicHost(String url, String problem) {
        List<Violation> violations = TargetPolicy.check("url", url, false, List.of());
        if (problem == null) {
            assertEquals(List.of(), violations);
        } else {
            assertEquals(List.of(new Violation("url", problem)), violations);
        }
    }

    @Test
    void httpAndLoopbackOnlyWhereConfigured() {
        List<TargetPolicy.Network> loopback = List.of(TargetPolicy.Network.parse("127.0.0.0/8"));
        assertEquals(List.of(), TargetPolicy.check("url", "http://127.0.0.1:9000/in", true, loopback));
        assertEquals(1, TargetPolicy.check("url", "http://127.0.0.1:9000/in", false, loopback).size());
        assertEquals(1, TargetPolicy.check("url", "http://10.0.0.1:9000/in", true, loopback).size());
    }
}
