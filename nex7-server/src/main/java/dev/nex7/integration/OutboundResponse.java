package dev.nex7.integration;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The final response of an outbound call (after any redirects that were followed).
 *
 * @param status the HTTP status code
 * @param headers response headers, names in lower case, values in the order received
 * @param body the body, empty when there was none; not copied
 * @param finalUri the URL that answered, in canonical form
 */
public record OutboundResponse(int status, Map<String, List<String>> headers, byte[] body, URI finalUri) {

    public OutboundResponse {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(finalUri, "finalUri");
    }

    /** The first value of a header (any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The body as text in the charset the {@code Content-Type} names, UTF-8 when it names none. */
    public String text() {
        return new String(body, charset());
    }

    private Charset charset() {
        String type = header("content-type");
        if (type != null) {
            for (String parameter : type.split(";")) {
                String[] pair = parameter.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equalsIgnoreCase("charset")) {
                    try {
                        return Charset.forName(pair[1].strip().replace("\"", ""));
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return "OutboundResponse[status=" + status + ", bytes=" + body.length + ", finalUri=" + finalUri.getHost() + "]";
    }
}
