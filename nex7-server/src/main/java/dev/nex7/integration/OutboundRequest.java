package dev.nex7.integration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One outbound HTTP call as {@link OutboundHttp} sends it.
 *
 * @param method the HTTP method, upper case
 * @param uri an absolute {@code http} or {@code https} URL without user information
 * @param headers request headers; {@code Host}, {@code Content-Length}, {@code Transfer-Encoding} and
 *        the other connection headers are set by the client and ignored here
 * @param body the body, or {@code null} for none; not copied
 * @param timeout the time the whole call may take, redirects included; {@code null} for
 *        {@code nex7.integration.read-timeout}
 * @param followRedirects whether 301, 302, 303, 307 and 308 answers are followed
 * @param maxRedirects the most redirects followed (at most {@code nex7.integration.max-redirects})
 * @param maxResponseBytes the largest body read (at most {@code nex7.integration.max-response-size});
 *        0 for that limit
 */
public record OutboundRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body,
        Duration timeout, boolean followRedirects, int maxRedirects, long maxResponseBytes) {

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        method = method.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(uri, "uri");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        (headers == null ? Map.<String, List<String>>of() : headers)
                .forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("A timeout is positive");
        }
        if (maxRedirects < 0 || maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxRedirects and maxResponseBytes are not negative");
        }
    }

    /** A GET of {@code uri} with the defaults. */
    public static OutboundRequest get(URI uri) {
        return builder("GET", uri).build();
    }

    /** A POST of {@code body} as {@code contentType} to {@code uri} with the defaults. */
    public static OutboundRequest post(URI uri, String contentType, byte[] body) {
        return builder("POST", uri).header("Content-Type", contentType).body(body).build();
    }

    /** Starts a request; redirects are followed (up to 5) and the server's limits apply. */
    public static Builder builder(String method, URI uri) {
        return new Builder(method, uri);
    }

    @Override
    public String toString() {
        // Never the query, headers or body: they may hold secrets.
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        return "OutboundRequest[" + method + " " + uri.getScheme() + "://"
                + authority.substring(authority.lastIndexOf('@') + 1) + "]";
    }

    /** Builds an {@link OutboundRequest}. */
    public static final class Builder {
        private final String method;
        private final URI uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body;
        private Duration timeout;
        private boolean followRedirects = true;
        private int maxRedirects = 5;
        private long maxResponseBytes;

        private Builder(String method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        /** Adds a header value (a second call with the same name adds a second value). */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        /** Sets the body to {@code text} in UTF-8 and the {@code Content-Type} to {@code contentType}. */
        public Builder body(String contentType, String text) {
            header("Content-Type", contentType);
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder followRedirects(boolean followRedirects) {
            this.followRedirects = followRedirects;
            return this;
        }

        public Builder maxRedirects(int maxRedirects) {
            this.maxRedirects = maxRedirects;
            return this;
        }

        public Builder maxResponseBytes(long maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        public OutboundRequest build() {
            return new OutboundRequest(method, uri, headers, body, timeout, followRedirects, maxRedirects,
                    maxResponseBytes);
        }
    }
}
