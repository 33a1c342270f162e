package dev.nex7.integration.ssrf;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The host part of a URL in one canonical form: a lower-case ASCII name without a trailing dot, or
 * an IP address. IPv4 addresses written the ways browsers and {@code inet_aton} still accept
 * ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.0.0.1}, {@code 127.1}, {@code 127.0.0.1.})
 * become the address they denote, so that no check can be passed by spelling an address oddly.
 *
 * @param text the canonical text: the name, dotted IPv4, or compressed IPv6 without brackets
 * @param address the address when the host is an IP literal, otherwise {@code null}
 */
public record Host(String text, InetAddress address) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern ENDS_IN_NUMBER = Pattern.compile("(.*\\.)?([0-9]+|0x[0-9a-f]*)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-f:.]+");

    public Host {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses a host as written in a URL authority ({@code [v6]} in brackets).
     *
     * @throws IllegalArgumentException with a message that quotes nothing but the host
     */
    public static Host parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("The URL has no host");
        }
        String host = raw.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            return ipv6(host.substring(1, host.length() - 1));
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!host.chars().allMatch(c -> c < 0x80)) {
            host = toAscii(host);
        }
        if (ENDS_IN_NUMBER.matcher(host).matches()) {
            return ipv4(host);
        }
        if (host.length() > 253 || !host.chars().allMatch(c -> c == '.' || c == '-' || c == '_'
                || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("'" + printable(raw) + "' is not a valid host name");
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + printable(raw) + "' is not a valid host name");
            }
        }
        return new Host(host, null);
    }

    /** An IP address as a host. */
    public static Host of(InetAddress address) {
        return new Host(format(address), address);
    }

    /** Whether the host is an IP address rather than a name. */
    public boolean isLiteral() {
        return address != null;
    }

    /** The host as written in a URL: IPv6 addresses in brackets. */
    public String forUri() {
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static Host ipv6(String literal) {
        if (!IPV6_CHARACTERS.matcher(literal).matches() || !literal.contains(":")) {
            // Zone ids (fe80::1%eth0) are refused too: they name an interface of this machine.
            throw new IllegalArgumentException("'[" + printable(literal) + "]' is not a valid IPv6 address");
        }
        try {
            // Only hex digits, ':' and '.': InetAddress parses this as a literal and never asks DNS.
            return of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'[" + printable(literal) + "]' is not a valid IPv6 address");
        }
    }

    /**
     * The WHATWG URL Standard's IPv4 parser: one to four parts, each decimal, octal (leading 0) or
     * hexadecimal (0x); the last part fills the remaining bytes.
     */
    private static Host ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            throw notIpv4(host);
        }
        List<Long> numbers = new ArrayList<>();
        for (String part : parts) {
            numbers.add(ipv4Number(part, host));
        }
        long value = 0;
        for (int i = 0; i < numbers.size() - 1; i++) {
            if (numbers.get(i) > 255) {
                throw notIpv4(host);
            }
            value |= numbers.get(i) << (8 * (3 - i));
        }
        long last = numbers.getLast();
        if (last >= 1L << (8 * (5 - numbers.size()))) {
            throw notIpv4(host);
        }
        value |= last;
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long ipv4Number(String part, String host) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (part.isEmpty() || digits.length() > 12) {
            throw notIpv4(host);
        }
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw notIpv4(host);
        }
    }

    private static IllegalArgumentException notIpv4(String host) {
        return new IllegalArgumentException("'" + printable(host) + "' is not a valid IPv4 address");
    }

    private static String toAscii(String host) {
        try {
            return IDN.toASCII(host).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + printable(host) + "' is not a valid host name");
        }
    }

    /** IPv4 dotted, IPv6 in the RFC 5952 compressed form (the longest run of zero groups as ::). */
    private static String format(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Keeps messages to one readable line whatever was sent. */
    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
