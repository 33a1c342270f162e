package dev.nex7.integration;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.nex7.integration.client.HttpTransport.Streamed;

/**
 * A response from {@link OutboundHttp#open} whose body is read as it arrives (server-sent events, a
 * large download). It holds a connection until it is closed: close it in a try-with-resources block.
 * Reading the body throws {@link OutboundHttpException} with the same codes as a whole-body call
 * ({@code timeout} when the server goes silent for longer than the request's timeout,
 * {@code cancelled} when the reading thread is interrupted, {@code response-too-large} past the cap).
 */
public final class OutboundStream implements Closeable {

    private final Streamed response;
    private final URI finalUri;

    OutboundStream(Streamed response, URI finalUri) {
        this.response = response;
        this.finalUri = Objects.requireNonNull(finalUri, "finalUri");
    }

    /** The HTTP status code. */
    public int status() {
        return response.status();
    }

    /** Response headers, names in lower case, values in the order received. */
    public Map<String, List<String>> headers() {
        return response.headers();
    }

    /** The first value of a header (any case), or {@code null}. */
    public String header(String name) {
        return response.header(name);
    }

    /** The body, read as it arrives. */
    public InputStream body() {
        return response.body();
    }

    /**
     * Reads at most {@code maxBytes} more of the body as UTF-8 text, for an error answer's message;
     * the rest is left unread.
     */
    public String text(int maxBytes) throws IOException {
        return new String(body().readNBytes(maxBytes), StandardCharsets.UTF_8);
    }

    /** The URL that answered, in canonical form. */
    public URI finalUri() {
        return finalUri;
    }

    /** Releases the connection; before the end of the body, it drops it instead of reading the rest. */
    @Override
    public void close() {
        response.close();
    }

    @Override
    public String toString() {
        return "OutboundStream[status=" + status() + ", finalUri=" + finalUri.getHost() + "]";
    }
}
