package dev.nex7.integration.ssrf;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one outbound request goes, read from its URL: scheme, canonical host, port, and the path with
 * its query exactly as written. Only {@code http} and {@code https} URLs without user information
 * are targets.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host in canonical form
 * @param port the port, the scheme's default when the URL names none
 * @param pathAndQuery the raw (still percent-encoded) path and query, at least {@code /}
 */
public record Target(String scheme, Host host, int port, String pathAndQuery) {

    public Target {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    }

    /**
     * Reads a URL.
     *
     * @throws IllegalArgumentException saying what is wrong; the message never repeats the URL, whose
     *     user information or query may hold secrets
     */
    public static Target of(URI uri) {
        if (uri == null || uri.getScheme() == null) {
            throw new IllegalArgumentException("The URL must be absolute (http:// or https://)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Only http and https URLs can be called");
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("The URL has no host");
        }
        if (authority.contains("@")) {
            throw new IllegalArgumentException("The URL must not contain user information; use a credential instead");
        }
        int portStart = authority.lastIndexOf(':');
        if (portStart < authority.lastIndexOf(']')) {
            portStart = -1;
        }
        String rawHost = portStart < 0 ? authority : authority.substring(0, portStart);
        int port = portStart < 0 ? -1 : port(authority.substring(portStart + 1));
        if (port < 0) {
            port = scheme.equals("https") ? 443 : 80;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new Target(scheme, Host.parse(rawHost), port, path + query);
    }

    private static int port(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("The URL's port must be a number between 1 and 65535");
        }
        return Integer.parseInt(digits);
    }

    /** The URL in canonical form, without a fragment. */
    public URI uri() {
        return URI.create(origin() + pathAndQuery);
    }

    /** {@code scheme://host[:port]}, the port left out when it is the scheme's default. */
    public String origin() {
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        return scheme + "://" + host.forUri() + (defaultPort ? "" : ":" + port);
    }

    /** Whether {@code other} has the same scheme, host and port (RFC 6454). */
    public boolean sameOrigin(Target other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    /** Host and port as messages name them; never the path or query. */
    public String describe() {
        return host.forUri() + ":" + port;
    }
}
