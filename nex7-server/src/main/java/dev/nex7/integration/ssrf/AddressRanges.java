package dev.nex7.integration.ssrf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The IP address ranges outbound HTTP must not reach unless an administrator opened the host: this
 * machine, private networks, link-local and cloud metadata addresses, shared and reserved space,
 * multicast. IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by the
 * IPv4 address they carry, so that {@code ::ffff:127.0.0.1} is as closed as {@code 127.0.0.1}.
 */
public final class AddressRanges {

    private record Range(byte[] prefix, int bits, String reason) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    // The first range that contains an address names the reason, so narrower ranges come first.
    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0", 8, "an unspecified (\"this network\") address"),
            range("10.0.0.0", 8, "a private address"),
            range("100.64.0.0", 10, "a shared (carrier-grade NAT) address"),
            range("127.0.0.0", 8, "a loopback address"),
            range("169.254.169.254", 32, "the cloud metadata address"),
            range("169.254.0.0", 16, "a link-local address"),
            range("172.16.0.0", 12, "a private address"),
            range("192.0.0.0", 24, "a reserved (IETF protocol) address"),
            range("192.0.2.0", 24, "a documentation address"),
            range("192.88.99.0", 24, "a reserved (6to4 relay) address"),
            range("192.168.0.0", 16, "a private address"),
            range("198.18.0.0", 15, "a benchmarking address"),
            range("198.51.100.0", 24, "a documentation address"),
            range("203.0.113.0", 24, "a documentation address"),
            range("224.0.0.0", 4, "a multicast address"),
            range("255.255.255.255", 32, "the broadcast address"),
            range("240.0.0.0", 4, "a reserved address"));

    private static final Range IPV4_MAPPED = range("::ffff:0:0", 96, "an IPv4-mapped address");
    private static final Range NAT64 = range("64:ff9b::", 96, "a NAT64 address");
    private static final Range SIX_TO_FOUR = range("2002::", 16, "a 6to4 address");

    private static final List<Range> IPV6 = List.of(
            range("::", 128, "an unspecified address"),
            range("::1", 128, "a loopback address"),
            range("::", 96, "an IPv4-compatible (deprecated) address"),
            range("64:ff9b:1::", 48, "a reserved (local NAT64) address"),
            range("100::", 64, "a discard-only address"),
            range("2001::", 32, "a Teredo tunnel address"),
            range("2001:2::", 48, "a benchmarking address"),
            range("2001:db8::", 32, "a documentation address"),
            range("fc00::", 7, "a unique-local address"),
            range("fe80::", 10, "a link-local address"),
            range("fec0::", 10, "a site-local (deprecated) address"),
            range("ff00::", 8, "a multicast address"));

    private AddressRanges() {
    }

    /**
     * Why outbound HTTP must not reach {@code address}, as a phrase that completes "… is" (for
     * example {@code "a private address"}), or empty when it is a public address.
     */
    public static Optional<String> blockReason(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return firstMatch(IPV4, bytes);
        }
        if (IPV4_MAPPED.contains(bytes)) {
            return embedded(Arrays.copyOfRange(bytes, 12, 16), "IPv4-mapped");
        }
        if (NAT64.contains(bytes)) {
            return embedded(Arrays.copyOfRange(bytes, 12, 16), "NAT64");
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return embedded(Arrays.copyOfRange(bytes, 2, 6), "6to4");
        }
        return firstMatch(IPV6, bytes);
    }

    private static Optional<String> embedded(byte[] ipv4, String form) {
        return firstMatch(IPV4, ipv4).map(reason -> reason + " (" + form + ")");
    }

    private static Optional<String> firstMatch(List<Range> ranges, byte[] bytes) {
        return ranges.stream().filter(range -> range.contains(bytes)).map(Range::reason).findFirst();
    }

    private static Range range(String literal, int bits, String reason) {
        try {
            // Literals only: InetAddress does not look these up. A mapped IPv6 literal comes back as
            // an Inet4Address, so its 16 bytes are rebuilt by hand.
            InetAddress address = InetAddress.getByName(literal);
            byte[] bytes = address.getAddress();
            if (literal.contains(":") && address instanceof Inet4Address) {
                bytes = new byte[16];
                bytes[10] = (byte) 0xff;
                bytes[11] = (byte) 0xff;
            }
            return new Range(bytes, bits, reason);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
