package dev.nex7.workflow.nodes;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.nex7.integration.OutboundHttp;
import dev.nex7.integration.OutboundHttpException;
import dev.nex7.integration.OutboundRequest;
import dev.nex7.integration.OutboundResponse;
import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP request node: calls any HTTP API through {@link OutboundHttp} (and so through its SSRF
 * guard) and emits {@code {status, headers, body, url}}. A credential in the {@code auth} slot
 * becomes a header; its values never appear in the output or in a failure message, even when the
 * server echoes them back.
 */
@Component
public class HttpRequest implements NodeType {

    private static final String REDACTED = "[redacted]";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("http-request", 1)
            .displayName("HTTP request")
            .category("integration")
            .icon("globe")
            .description("Calls an HTTP API and outputs the status, headers and parsed body of its answer.")
            .input(Port.main())
            .output(Port.of(Port.MAIN, "Response", PortType.OBJECT))
            .parameters(Schema.object()
                    .property("method", Schema.string().title("Method").enumOf(METHODS.toArray()).defaultValue("GET"),
                            false)
                    .property("url", Schema.string().title("URL").format("uri").minLength(1), true)
                    .property("query", Schema.map(Schema.string()).title("Query parameters")
                            .description("Added to the URL's query, percent-encoded"), false)
                    .property("headers", Schema.map(Schema.string()).title("Headers"), false)
                    .property("bodyType", Schema.string().title("Body").enumOf("none", "json", "form", "raw")
                            .defaultValue("none"), false)
                    .property("body", Schema.any().title("Body content")
                            .description("An object for json and form, text for raw"), false)
                    .property("contentType", Schema.string().title("Content type")
                            .description("For a raw body; text/plain when empty"), false)
                    .property("timeoutMs", Schema.integer().title("Timeout (ms)").minimum(1).maximum(300_000)
                            .defaultValue(30_000), false)
                    .property("followRedirects", Schema.bool().title("Follow redirects").defaultValue(true), false)
                    .property("maxRedirects", Schema.integer().title("Most redirects").minimum(0).maximum(20)
                            .defaultValue(5), false)
                    .property("responseFormat", Schema.string().title("Response format")
                            .enumOf("auto", "json", "text", "binary-base64").defaultValue("auto")
                            .description("auto reads JSON and text by the Content-Type, anything else as base64"),
                            false)
                    .property("failOnHttpError", Schema.bool().title("Fail on 4xx/5xx").defaultValue(true), false)
                    .property("maxResponseBytes", Schema.integer().title("Largest response (bytes)").minimum(1)
                            .description("At most the server's nex7.integration.max-response-size"), false)
                    .property("idempotencyHeader", Schema.bool().title("Send Idempotency-Key")
                            .description("Sends the run's idempotency key, for APIs that deduplicate retries")
                            .defaultValue(false), false))
            .credential("auth", false, "http-bearer", "http-basic", "http-header")
            .build();

    private final OutboundHttp http;
    private final JsonMapper json;

    public HttpRequest(OutboundHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        context.cancellation().throwIfCancelled();
        Parameters parameters = new Parameters(context.parameters());
        String method = parameters.choice("method", METHODS, "GET");
        Auth auth = Auth.of(context.credential("auth"));
        OutboundResponse response;
        try {
            response = http.send(request(method, parameters, auth, context));
        } catch (OutboundHttpException failure) {
            context.cancellation().throwIfCancelled();
            throw new NodeFailure(failure.code(), auth.redact(failure.getMessage()), failure.retryable());
        }
        context.cancellation().throwIfCancelled();
        if (response.status() >= 400 && parameters.bool("failOnHttpError", true)) {
            throw statusFailure(response, auth);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", (long) response.status());
        output.put("headers", headers(response));
        output.put("body", method.equals("HEAD") ? null
                : body(response, parameters.choice("responseFormat", List.of("auto", "json", "text", "binary-base64"),
                        "auto")));
        output.put("url", response.finalUri().toString());
        return NodeOutcome.emit(auth.redact(output));
    }

    private OutboundRequest request(String method, Parameters parameters, Auth auth, NodeContext context)
            throws NodeFailure {
        OutboundRequest.Builder request = OutboundRequest.builder(method, url(parameters))
                .timeout(Duration.ofMillis(parameters.integer("timeoutMs", 30_000, 1, 300_000)))
                .followRedirects(parameters.bool("followRedirects", true))
                .maxRedirects((int) parameters.integer("maxRedirects", 5, 0, 20))
                .maxResponseBytes(parameters.integer("maxResponseBytes", 0, 0, Long.MAX_VALUE));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        parameters.map("headers").forEach((name, value) -> headers.put(name, Parameters.texts(value)));
        body(parameters, headers).ifPresent(request::body);
        auth.header().ifPresent(header -> {
            headers.keySet().removeIf(name -> name.equalsIgnoreCase(header.getKey()));
            headers.put(header.getKey(), List.of(header.getValue()));
        });
        if (parameters.bool("idempotencyHeader", false)) {
            headers.put("Idempotency-Key", List.of(context.idempotencyKey()));
        }
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return request.build();
    }

    private static URI url(Parameters parameters) throws NodeFailure {
        String url = parameters.text("url").strip();
        String fragment = url.contains("#") ? url.substring(url.indexOf('#')) : "";
        String base = url.substring(0, url.length() - fragment.length());
        String query = parameters.map("query").entrySet().stream()
                .flatMap(entry -> Parameters.texts(entry.getValue()).stream()
                        .map(value -> percentEncode(entry.getKey()) + "=" + percentEncode(value)))
                .collect(Collectors.joining("&"));
        if (!query.isEmpty()) {
            String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
            base = base + separator + query;
        }
        try {
            return new URI(base + fragment);
        } catch (URISyntaxException invalid) {
            // Not the URL itself: its query may hold a key.
            throw NodeFailure.permanent(OutboundHttpException.INVALID_URL,
                    "The URL is not valid at character " + (invalid.getIndex() + 1) + ": " + invalid.getReason());
        }
    }

    private Optional<byte[]> body(Parameters parameters, Map<String, List<String>> headers) throws NodeFailure {
        String type = parameters.choice("bodyType", List.of("none", "json", "form", "raw"), "none");
        Object body = parameters.raw("body");
        return switch (type) {
            case "json" -> {
                contentType(headers, "application/json", false);
                yield Optional.of(json.writeValueAsBytes(body));
            }
            case "form" -> {
                contentType(headers, "application/x-www-form-urlencoded", false);
                yield Optional.of(form(parameters.map("body")).getBytes(StandardCharsets.UTF_8));
            }
            case "raw" -> {
                String declared = parameters.optionalText("contentType").orElse(null);
                contentType(headers, declared != null ? declared : "text/plain; charset=utf-8", declared != null);
                String text = body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
                yield Optional.of(text.getBytes(StandardCharsets.UTF_8));
            }
            default -> Optional.empty();
        };
    }

    private static void contentType(Map<String, List<String>> headers, String type, boolean override) {
        boolean present = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Content-Type"));
        if (present && override) {
            headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
        }
        if (!present || override) {
            headers.put("Content-Type", List.of(type));
        }
    }

    private String form(Map<String, Object> fields) {
        return fields.entrySet().stream()
                .flatMap(field -> (field.getValue() instanceof List<?> values ? values : List.of(field.getValue()))
                        .stream().map(value -> formEncode(field.getKey()) + "=" + formEncode(formValue(value))))
                .collect(Collectors.joining("&"));
    }

    private String formValue(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof Map<?, ?> || value instanceof List<?> ? json.writeValueAsString(value)
                : String.valueOf(value);
    }

    private Object body(OutboundResponse response, String format) throws NodeFailure {
        if (response.body().length == 0) {
            return null;
        }
        String type = Optional.ofNullable(response.header("content-type")).orElse("").toLowerCase(Locale.ROOT);
        String mediaType = type.split(";")[0].strip();
        return switch (format) {
            case "json" -> parseJson(response).orElseThrow(() -> NodeFailure.permanent("invalid-response",
                    "The response from " + response.finalUri().getHost() + " is not valid JSON"));
            case "text" -> response.text();
            case "binary-base64" -> Base64.getEncoder().encodeToString(response.body());
            default -> {
                if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
                    yield parseJson(response).orElseGet(response::text);
                }
                yield isText(mediaType) ? response.text() : Base64.getEncoder().encodeToString(response.body());
            }
        };
    }

    private static boolean isText(String mediaType) {
        return mediaType.startsWith("text/") || mediaType.endsWith("+xml") || mediaType.equals("application/xml")
                || mediaType.equals("application/javascript") || mediaType.equals("application/x-www-form-urlencoded")
                || mediaType.isEmpty();
    }

    private Optional<Object> parseJson(OutboundResponse response) {
        try {
            return Optional.ofNullable(json.readerFor(Object.class).with(DeserializationFeature.USE_LONG_FOR_INTS)
                    .readValue(response.body()));
        } catch (JacksonException invalid) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> headers(OutboundResponse response) {
        Map<String, Object> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> headers.put(name, values.size() == 1 ? values.getFirst()
                : List.copyOf(values)));
        return headers;
    }

    private static NodeFailure statusFailure(OutboundResponse response, Auth auth) {
        int status = response.status();
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String excerpt = response.text().replaceAll("\\s+", " ").strip();
        excerpt = excerpt.length() > 200 ? excerpt.substring(0, 200) + "…" : excerpt;
        String message = "HTTP " + status + " from " + response.finalUri().getHost()
                + (excerpt.isEmpty() ? "" : ": " + excerpt);
        return new NodeFailure("http-status", auth.redact(message), retryable);
    }

    private static String percentEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String formEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The credential as a header, and every form of its secret values, to keep them out of what is stored. */
    private record Auth(Optional<Map.Entry<String, String>> header, Set<String> secrets) {

        static Auth of(Optional<Credential> credential) throws NodeFailure {
            if (credential.isEmpty()) {
                return new Auth(Optional.empty(), Set.of());
            }
            Credential auth = credential.get();
            try {
                return switch (auth.kind()) {
                    case "http-bearer" -> new Auth(Optional.of(Map.entry("Authorization", "Bearer "
                            + auth.require("token"))), Set.of(auth.require("token")));
                    case "http-basic" -> {
                        String encoded = Base64.getEncoder().encodeToString((auth.require("username") + ":"
                                + auth.require("password")).getBytes(StandardCharsets.UTF_8));
                        yield new Auth(Optional.of(Map.entry("Authorization", "Basic " + encoded)),
                                Set.of(auth.require("password"), encoded));
                    }
                    case "http-header" -> new Auth(Optional.of(Map.entry(auth.require("name"), auth.require("value"))),
                            Set.of(auth.require("value")));
                    default -> throw NodeFailure.permanent("invalid-credential", "A credential of kind " + auth.kind()
                            + " cannot authenticate an HTTP request");
                };
            } catch (IllegalStateException missingField) {
                throw NodeFailure.permanent("invalid-credential", missingField.getMessage());
            }
        }

        /** {@code value} with every secret replaced, in every string and key it holds. */
        @SuppressWarnings("unchecked")
        <T> T redact(T value) {
            if (secrets.isEmpty()) {
                return value;
            }
            Object redacted = switch (value) {
                case String text -> redactText(text);
                case Map<?, ?> map -> {
                    Map<Object, Object> copy = new LinkedHashMap<>();
                    map.forEach((key, item) -> copy.put(redact(key), redact(item)));
                    yield copy;
                }
                case List<?> list -> {
                    List<Object> copy = new ArrayList<>();
                    list.forEach(item -> copy.add(redact(item)));
                    yield copy;
                }
                case null, default -> value;
            };
            return (T) redacted;
        }

        private String redactText(String text) {
            String redacted = text;
            for (String secret : secrets) {
                if (secret.length() >= 4) {
                    redacted = redacted.replace(secret, REDACTED);
                }
            }
            return redacted;
        }
    }
}
