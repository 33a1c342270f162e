package dev.nex7.integration.ssrf;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One allow-list entry: a host, and optionally one port of it, that outbound HTTP may reach even
 * when it is or resolves to a blocked address. An entry that is an IP address also opens that
 * address when another name resolves to it: it names the same machine.
 *
 * @param host the host in canonical form
 * @param port the one port opened, or {@code null} for every port
 */
public record AllowedHost(Host host, Integer port) {

    public AllowedHost {
        Objects.requireNonNull(host, "host");
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("A port is between 1 and 65535");
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, an IPv4 address, or an IPv6 address in brackets
     * ({@code [fd00::1]:8080}); a bare IPv6 address without a port is accepted too.
     *
     * @throws IllegalArgumentException saying what is wrong with the entry
     */
    public static AllowedHost parse(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("An entry names a host, or host:port");
        }
        String text = entry.strip();
        if (text.contains("/") || text.contains("@") || text.contains("*")) {
            throw new IllegalArgumentException("An entry is a host or host:port, not a URL, range or pattern");
        }
        int colon = text.lastIndexOf(':');
        boolean bareIpv6 = !text.startsWith("[") && text.indexOf(':') != colon;
        if (bareIpv6) {
            return new AllowedHost(Host.parse("[" + text + "]"), null);
        }
        if (colon < 0 || (text.startsWith("[") && text.endsWith("]"))) {
            return new AllowedHost(Host.parse(text), null);
        }
        return new AllowedHost(Host.parse(text.substring(0, colon)), port(text.substring(colon + 1)));
    }

    private static Integer port(String digits) {
        if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("A port is a number between 1 and 65535");
        }
        return Integer.parseInt(digits);
    }

    /** Whether this entry opens {@code port} of the host named {@code host}. */
    public boolean opens(Host target, int targetPort) {
        return host.equals(target) && portMatches(targetPort);
    }

    /** Whether this entry opens {@code port} of {@code address}, whichever name led to it. */
    public boolean opens(InetAddress address, int targetPort) {
        return host.isLiteral() && host.address().equals(address) && portMatches(targetPort);
    }

    private boolean portMatches(int targetPort) {
        return port == null || port == targetPort;
    }

    /** The entry in canonical form, as {@link #parse} reads it back. */
    @Override
    public String toString() {
        return port == null ? host.forUri() : host.forUri() + ":" + port;
    }
}
