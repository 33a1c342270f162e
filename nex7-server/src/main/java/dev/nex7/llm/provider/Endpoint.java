package dev.nex7.llm.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how one call reaches a provider.
 *
 * @param kind the provider
 * @param baseUrl its API's address, without {@code /v1}
 * @param apiKey the key sent, or {@code null} for none (a local server)
 * @param timeout the longest wait for the answer to start, and then between two pieces of it
 * @param keySource {@code instance}, {@code project} (a credential the project named) or {@code none}
 */
public record Endpoint(ProviderKind kind, URI baseUrl, String apiKey, Duration timeout, String keySource) {

    public Endpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code path} (starting with {@code /v1/}) under the base address, which may have a path of its own. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** {@code text} with the key replaced, for messages that might echo it. */
    public String redact(String text) {
        return apiKey == null || text == null || apiKey.length() < 4 ? text : text.replace(apiKey, "[redacted]");
    }

    @Override
    public String toString() {
        return "Endpoint[" + kind.id() + " " + baseUrl.getHost() + ", key from " + keySource + "]";
    }
}
