package dev.nex7.integration.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.nex7.integration.HostResolver;

/** What the guard lets through, without any network: literals are checked as written, names via a fake resolver. */
class SsrfGuardTests {

    private final HostResolver names = fakeDns(Map.of(
            "public.example", List.of("93.184.216.34", "2606:4700::1111"),
            "intranet.example", List.of("10.0.0.5"),
            "mixed.example", List.of("93.184.216.34", "172.20.1.1"),
            "metadata.example", List.of("169.254.169.254")));

    private final SsrfGuard guard = new SsrfGuard(true, List::of, names);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1/                      | a loopback address
            http://127.255.255.254/                | a loopback address
            http://0.0.0.0/                        | an unspecified ("this network") address
            http://10.1.2.3/                       | a private address
            http://172.16.0.1/                     | a private address
            http://172.31.255.255/                 | a private address
            http://192.168.1.1/                    | a private address
            http://169.254.169.254/latest/         | the cloud metadata address
            http://169.254.1.1/                    | a link-local address
            http://100.64.0.1/                     | a shared (carrier-grade NAT) address
            http://100.127.255.255/                | a shared (carrier-grade NAT) address
            http://100.100.100.200/                | a shared (carrier-grade NAT) address
            http://192.0.0.8/                      | a reserved (IETF protocol) address
            http://192.0.2.1/                      | a documentation address
            http://198.18.0.1/                     | a benchmarking address
            http://198.19.255.255/                 | a benchmarking address
            http://198.51.100.7/                   | a documentation address
            http://203.0.113.9/                    | a documentation address
            http://224.0.0.1/                      | a multicast address
            http://239.255.255.250/                | a multicast address
            http://240.0.0.1/                      | a reserved address
            http://255.255.255.255/                | the broadcast address
            http://2130706433/                     | a loopback address
            http://2852039166/                     | the cloud metadata address
            http://0177.0.0.1/                     | a loopback address
            http://0x7f.0.0.1/                     | a loopback address
            http://0x7f000001/                     | a loopback address
            http://0xA9.254.0251.0xfe/             | the cloud metadata address
            http://127.1/                          | a loopback address
            http://10.1/                           | a private address
            http://127.0.0.1./                     | a loopback address
            http://[::]/                           | an unspecified address
            http://[::1]/                          | a loopback address
            http://[0:0:0:0:0:0:0:1]:8080/         | a loopback address
            http://[fc00::1]/                      | a unique-local address
            http://[fd00:ec2::254]/                | a unique-local address
            http://[fe80::1]/                      | a link-local address
            http://[febf::1]/                      | a link-local address
            http://[ff02::1]/                      | a multicast address
            http://[::ffff:127.0.0.1]/             | a loopback address
            http://[::ffff:7f00:1]/                | a loopback address
            http://[::ffff:169.254.169.254]/       | the cloud metadata address
            http://[::ffff:a00:1]/                 | a private address
            http://[64:ff9b::7f00:1]/              | a loopback address (NAT64)
            http://[64:ff9b::a9fe:a9fe]/           | the cloud metadata address (NAT64)
            http://[2002:7f00:1::]/                | a loopback address (6to4)
            http://[2002:c0a8:101::1]/             | a private address (6to4)
            http://[2001::1]/                      | a Teredo tunnel address
            http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/ | a Teredo tunnel address
            http://[::127.0.0.1]/                  | an IPv4-compatible (deprecated) address
            http://[2001:db8::1]/                  | a documentation address
            """)
    void blockedAddressesAreRefusedWhateverTheirSpelling(String url, String reason) {
        assertThatThrownBy(() -> guard.checkTarget(Target.of(URI.create(url))))
                .isInstanceOf(AddressBlocked.class)
                .hasMessageContaining(" is " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/", "https://8.8.8.8/", "http://1.1.1.1:8080/",
            "http://1572395042/", "http://[2606:4700::1111]/", "http://[2001:4860:4860::8888]/",
            "http://[2002:5db8:d822::1]/", "http://[64:ff9b::5db8:d822]/", "http://[::ffff:93.184.216.34]/"})
    void publicAddressesPass(String url) {
        assertThatCode(() -> guard.checkTarget(Target.of(URI.create(url)))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "api.localhost", "localhost.localdomain",
            "metadata.google.internal", "Metadata.Google.Internal.", "metadata", "instance-data"})
    void namesOfThisMachineAndOfMetadataServicesAreRefusedBeforeAnyLookUp(String host) {
        assertThatThrownBy(() -> guard.checkTarget(Target.of(URI.create("http://" + host + "/"))))
                .isInstanceOf(AddressBlocked.class)
                .hasMessageContaining("is a name for this machine or a cloud metadata service");
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesTo() throws Exception {
        assertThat(guard.resolve(Host.parse("public.example"), 443)).hasSize(2);
        assertThatThrownBy(() -> guard.resolve(Host.parse("intranet.example"), 443))
                .isInstanceOf(AddressBlocked.class)
                .hasMessageStartingWith("intranet.example resolves to a private address")
                .hasMessageNotContaining("10.0.0.5");
        assertThatThrownBy(() -> guard.resolve(Host.parse("mixed.example"), 443))
                .hasMessageStartingWith("mixed.example resolves to a private address");
        assertThatThrownBy(() -> guard.resolve(Host.parse("metadata.example"), 80))
                .hasMessageStartingWith("metadata.example resolves to the cloud metadata address");
        assertThatThrownBy(() -> guard.resolve(Host.parse("unknown.example"), 80))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(AddressBlocked.class);
    }

    @Test
    void allowListEntriesOpenAHostOrOnePortOfIt() throws Exception {
        SsrfGuard opened = new SsrfGuard(true, () -> List.of(AllowedHost.parse("intranet.example"),
                AllowedHost.parse("localhost:8080"), AllowedHost.parse("10.9.8.7"), AllowedHost.parse("[fd00::1]:443")),
                fakeDns(Map.of("intranet.example", List.of("10.0.0.5"), "build.example", List.of("10.9.8.7"))));

        assertThat(opened.resolve(Host.parse("intranet.example"), 8443)).hasSize(1);
        assertThatCode(() -> opened.checkTarget(Target.of(URI.create("http://localhost:8080/"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> opened.checkTarget(Target.of(URI.create("http://localhost:8081/"))))
                .isInstanceOf(AddressBlocked.class);
        assertThat(opened.resolve(Host.parse("build.example"), 22)).as("an address entry opens names resolving to it")
                .hasSize(1);
        assertThatCode(() -> opened.checkTarget(Target.of(URI.create("https://[fd00:0::1]/"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> opened.checkTarget(Target.of(URI.create("http://[fd00::1]/"))))
                .isInstanceOf(AddressBlocked.class);
        assertThatThrownBy(() -> opened.checkTarget(Target.of(URI.create("http://10.0.0.5/"))))
                .as("opening a name does not open its address for other names")
                .isInstanceOf(AddressBlocked.class);
    }

    @Test
    void theSocketCheckJudgesTheAddressAgainstTheHostItIsFor() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        SsrfGuard opened = new SsrfGuard(true, () -> List.of(AllowedHost.parse("wiki.example:80")), names);

        assertThatCode(() -> opened.checkConnect(Host.parse("wiki.example"), 80, loopback)).doesNotThrowAnyException();
        assertThatThrownBy(() -> opened.checkConnect(Host.parse("public.example"), 80, loopback))
                .isInstanceOf(AddressBlocked.class)
                .hasMessageStartingWith("public.example resolves to a loopback address");
    }

    @Test
    void withTheGuardOffEverythingPasses() throws Exception {
        SsrfGuard off = new SsrfGuard(false, List::of, names);

        assertThatCode(() -> off.checkTarget(Target.of(URI.create("http://169.254.169.254/")))).doesNotThrowAnyException();
        assertThatCode(() -> off.checkTarget(Target.of(URI.create("http://localhost/")))).doesNotThrowAnyException();
        assertThat(off.resolve(Host.parse("intranet.example"), 80)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "http:example.com", "http:///path",
            "http://user:pw@example.com/", "http://example.com:0/", "http://example.com:99999/",
            "http://1.2.3.4.5/", "http://256.0.0.1/", "http://1.2.3.0x100/", "http://example.08/",
            "http://[fe80::1%25eth0]/", "http://exa%6dple.com/", "http://-example.com/"})
    void urlsThatAreNotPlainHttpTargetsAreInvalid(String url) {
        assertThatThrownBy(() -> Target.of(new URI(url))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw@");
    }

    private static HostResolver fakeDns(Map<String, List<String>> records) {
        return host -> {
            List<String> addresses = records.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> resolved = new ArrayList<>();
            for (String address : addresses) {
                resolved.add(InetAddress.getByName(address));
            }
            return resolved;
        };
    }
}
