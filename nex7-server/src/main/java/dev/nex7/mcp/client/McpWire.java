package dev.nex7.mcp.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.nex7.integration.OutboundHttp;
import dev.nex7.integration.OutboundHttpException;
import dev.nex7.integration.OutboundRequest;
import dev.nex7.integration.OutboundResponse;
import dev.nex7.mcp.McpFailure;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client side of MCP's Streamable HTTP transport, over {@link OutboundHttp} (so the SSRF guard and
 * its allow-list apply). A session is opened with {@code initialize} + {@code notifications/initialized},
 * carries the server's {@code Mcp-Session-Id} and the negotiated {@code MCP-Protocol-Version}, and is
 * ended with a DELETE. Answers may come as JSON or as an SSE stream; server-to-client requests in such a
 * stream (sampling, elicitation) are not answered: NEX7 offers the server no such capability.
 */
final class McpWire {

    static final String VERSION = "2025-11-25";
    private static final Set<String> VERSIONS = Set.of("2025-11-25", "2025-06-18", "2025-03-26");
    private static final long MAX_RESPONSE = 4L * 1024 * 1024;

    private final OutboundHttp http;
    private final JsonMapper json;
    private final Duration timeout;

    McpWire(OutboundHttp http, JsonMapper json, Duration timeout) {
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    /** Opens a session with the server named {@code name} at {@code url}; {@code headers} go with every request. */
    Session open(String name, URI url, Map<String, String> headers) {
        Session session = new Session(name, url, headers);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("protocolVersion", VERSION);
        params.put("capabilities", Map.of());
        params.put("clientInfo", Map.of("name", "nex7", "title", "NEX7", "version", "1"));
        JsonNode result = session.request("initialize", params);
        String agreed = result.path("protocolVersion").asString(null);
        if (agreed == null || !VERSIONS.contains(agreed)) {
            session.close();
            throw new McpFailure("MCP server " + name + " speaks protocol version " + agreed + ", which NEX7 does not.");
        }
        session.version = agreed;
        session.notify("notifications/initialized");
        return session;
    }

    /** One conversation with a server. Not thread-safe: one caller at a time. */
    final class Session implements AutoCloseable {

        private final String name;
        private final URI url;
        private final Map<String, String> headers;
        private final AtomicLong ids = new AtomicLong();
        private String sessionId;
        private String version;

        private Session(String name, URI url, Map<String, String> headers) {
            this.name = name;
            this.url = url;
            this.headers = headers;
        }

        /** Sends a request and returns its result; a JSON-RPC error becomes a {@link McpFailure}. */
        JsonNode request(String method, Object params) {
            long id = ids.incrementAndGet();
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("jsonrpc", "2.0");
            message.put("id", id);
            message.put("method", method);
            message.put("params", params);
            OutboundResponse response = post(message);
            if (sessionId == null) {
                sessionId = response.header("Mcp-Session-Id");
            }
            JsonNode answer = find(response, id);
            if (answer.has("error")) {
                throw new McpFailure("MCP server " + name + " answered " + method + " with error " + answer.path("error").path("code").asInt()
                        + ": " + truncate(answer.path("error").path("message").asString("")));
            }
            return answer.path("result");
        }

        void notify(String method) {
            post(Map.of("jsonrpc", "2.0", "method", method));
        }

        @Override
        public void close() {
            if (sessionId == null) {
                return;
            }
            OutboundRequest.Builder request = OutboundRequest.builder("DELETE", url).timeout(timeout).followRedirects(false)
                    .maxResponseBytes(1024).header("Mcp-Session-Id", sessionId)
                    .header("MCP-Protocol-Version", version == null ? VERSION : version);
            headers.forEach(request::header);
            try {
                http.send(request.build());
            } catch (OutboundHttpException ignored) {
                // Ending a session is a courtesy; the server expires it anyway.
            }
        }

        private OutboundResponse post(Map<String, Object> message) {
            OutboundRequest.Builder request = OutboundRequest.builder("POST", url).timeout(timeout).followRedirects(false)
                    .maxResponseBytes(MAX_RESPONSE)
                    .header("Accept", "application/json, text/event-stream")
                    .body("application/json", json.writeValueAsString(message));
            headers.forEach(request::header);
            if (sessionId != null) {
                request.header("Mcp-Session-Id", sessionId);
            }
            if (version != null) {
                request.header("MCP-Protocol-Version", version);
            }
            OutboundResponse response;
            try {
                response = http.send(request.build());
            } catch (OutboundHttpException failed) {
                throw new McpFailure("MCP server " + name + " could not be reached: " + failed.getMessage());
            }
            if (response.status() == 401 || response.status() == 403) {
                throw new McpFailure("MCP server " + name + " refused NEX7's credentials (HTTP " + response.status() + ").");
            }
            if (response.status() >= 300) {
                throw new McpFailure("MCP server " + name + " answered HTTP " + response.status() + ".");
            }
            return response;
        }

        /** The response with {@code id}, from a JSON body or an SSE stream. */
        private JsonNode find(OutboundResponse response, long id) {
            String type = response.header("Content-Type");
            String body = new String(response.body(), StandardCharsets.UTF_8);
            try {
                if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
                    for (String event : body.replace("\r\n", "\n").split("\n\n")) {
                        StringBuilder data = new StringBuilder();
                        for (String line : event.split("\n")) {
                            if (line.startsWith("data:")) {
                                data.append(line.substring(line.startsWith("data: ") ? 6 : 5)).append('\n');
                            }
                        }
                        if (!data.isEmpty()) {
                            JsonNode message = json.readTree(data.toString());
                            if (message.path("id").asLong(-1) == id && (message.has("result") || message.has("error"))) {
                                return message;
                            }
                        }
                    }
                    throw new McpFailure("MCP server " + name + " ended its stream without answering.");
                }
                JsonNode message = json.readTree(body);
                if (message.isArray()) {
                    for (JsonNode one : message) {
                        if (one.path("id").asLong(-1) == id) {
                            return one;
                        }
                    }
                } else if (message.path("id").asLong(-1) == id) {
                    return message;
                }
            } catch (JacksonException unreadable) {
                throw new McpFailure("MCP server " + name + " answered something that is not JSON-RPC.");
            }
            throw new McpFailure("MCP server " + name + " did not answer request " + id + ".");
        }
    }

    private static String truncate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
