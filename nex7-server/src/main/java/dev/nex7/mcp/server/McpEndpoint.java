package dev.nex7.mcp.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.mcp.McpSettings;
import dev.nex7.mcp.token.McpTokens;
import dev.nex7.platform.ApiProblem;
import dev.nex7.workflow.WorkflowNotFound;
import dev.nex7.workflow.WorkflowService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * NEX7's MCP server: the Streamable HTTP transport (MCP 2025-11-25, also 2025-06-18 and 2025-03-26) at {@code /mcp}.
 * Every POST carries one JSON-RPC message (or, in 2025-03-26, a batch); requests are answered with
 * {@code application/json}, notifications and responses with 202. The server keeps no session and
 * opens no server-to-client stream (GET is 405), so any instance can answer any call.
 *
 * <p>Authentication is an MCP token ({@link McpTokens}) as a bearer token; the security chain lets the
 * path through and this class checks the token on every call, and the user's project roles with it.
 * Browsers' cross-origin calls are refused (DNS rebinding): an {@code Origin} header must be this
 * server's own.
 */
@RestController
@Tag(name = "MCP")
class McpEndpoint {

    static final String PATH = "/mcp";
    static final String LATEST = "2025-11-25";
    static final Set<String> VERSIONS = Set.of("2025-11-25", "2025-06-18", "2025-03-26");

    private static final Logger log = LoggerFactory.getLogger(McpEndpoint.class);

    private final McpTokens tokens;
    private final WorkflowTools tools;
    private final WorkflowService workflows;
    private final McpSettings settings;
    private final JsonMapper json;
    private final String version;

    McpEndpoint(McpTokens tokens, WorkflowTools tools, WorkflowService workflows, McpSettings settings, JsonMapper json,
            org.springframework.beans.factory.ObjectProvider<org.springframework.boot.info.BuildProperties> build) {
        this.tokens = tokens;
        this.tools = tools;
        this.workflows = workflows;
        this.settings = settings;
        this.json = json;
        org.springframework.boot.info.BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
    }

    /** The token is missing, unknown, revoked or expired. */
    static final class InvalidToken extends ApiProblem {
        InvalidToken() {
            super(HttpStatus.UNAUTHORIZED, "mcp-unauthorized", "MCP token required",
                    "Send a NEX7 MCP token as 'Authorization: Bearer nex7_mcp_...'; create one under Settings → MCP tokens.");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"nex7-mcp\", error=\"invalid_token\"");
        }
    }

    /** A browser page of another origin tried to call the endpoint. */
    static final class ForeignOrigin extends ApiProblem {
        ForeignOrigin() {
            super(HttpStatus.FORBIDDEN, "mcp-origin-refused", "Origin refused", "The MCP endpoint does not accept calls from other web origins.");
        }
    }

    /** The client speaks a protocol version this server does not. */
    static final class UnsupportedVersion extends ApiProblem {
        UnsupportedVersion(String given) {
            super(HttpStatus.BAD_REQUEST, "mcp-version-unsupported", "Unsupported MCP protocol version",
                    "MCP-Protocol-Version " + given + " is not supported; this server speaks " + String.join(", ", VERSIONS.stream().sorted().toList()) + ".");
        }
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "MCP (Streamable HTTP): published workflows as tools",
            description = "JSON-RPC 2.0: initialize, ping, tools/list, tools/call. Authenticated with an MCP token (Bearer nex7_mcp_…).")
    ResponseEntity<Object> post(HttpServletRequest request, @RequestBody(required = false) byte[] body) throws InterruptedException {
        checkOrigin(request);
        McpTokens.Bearer bearer = bearer(request).orElseThrow(InvalidToken::new);
        JsonNode message;
        try {
            message = json.readTree(body == null ? new byte[0] : body);
        } catch (JacksonException unreadable) {
            return ResponseEntity.badRequest().body(error(null, -32700, "Parse error: the body is not JSON."));
        }
        if (message == null || message.isMissingNode()) {
            return ResponseEntity.badRequest().body(error(null, -32600, "Invalid request: the body is empty."));
        }
        // The version is negotiated by initialize; every later request must name one both sides speak.
        String protocol = request.getHeader("MCP-Protocol-Version");
        if (protocol != null && !VERSIONS.contains(protocol) && !"initialize".equals(message.path("method").asString(null))) {
            throw new UnsupportedVersion(protocol);
        }
        if (message.isArray()) {
            if (message.isEmpty()) {
                return ResponseEntity.badRequest().body(error(null, -32600, "Invalid request: an empty batch."));
            }
            List<Object> answers = new ArrayList<>();
            for (JsonNode one : message) {
                Object answer = handle(one, bearer);
                if (answer != null) {
                    answers.add(answer);
                }
            }
            return answers.isEmpty() ? ResponseEntity.accepted().build() : ResponseEntity.ok(answers);
        }
        Object answer = handle(message, bearer);
        return answer == null ? ResponseEntity.accepted().build() : ResponseEntity.ok(answer);
    }

    @GetMapping(PATH)
    @Operation(summary = "MCP: no server-to-client stream (405)")
    ResponseEntity<Void> stream() {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST").build();
    }

    @DeleteMapping(PATH)
    @Operation(summary = "MCP: no sessions to end (405)")
    ResponseEntity<Void> endSession() {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST").build();
    }

    /** The answer to one message, or null for notifications and responses (which get no answer). */
    private Object handle(JsonNode message, McpTokens.Bearer bearer) throws InterruptedException {
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asString(null))) {
            return error(idOf(message), -32600, "Invalid request: not a JSON-RPC 2.0 message.");
        }
        JsonNode method = message.get("method");
        JsonNode id = message.get("id");
        if (method == null || id == null || id.isNull()) {
            return null; // a notification (initialized, cancelled) or a response: nothing to answer
        }
        if (!method.isString() || !(id.isString() || id.isIntegralNumber())) {
            return error(idOf(message), -32600, "Invalid request: method must be a string and id a string or an integer.");
        }
        Object requestId = json.treeToValue(id, Object.class);
        JsonNode params = message.path("params");
        return switch (method.asString()) {
            case "initialize" -> result(requestId, initialize(params));
            case "ping" -> result(requestId, Map.of());
            case "tools/list" -> result(requestId, Map.of("tools", tools.list(bearer.user(), bearer.project()).stream()
                    .map(WorkflowTools.Tool::describe).toList()));
            case "tools/call" -> call(requestId, params, bearer);
            default -> error(requestId, -32601, "Method not found: " + method.asString());
        };
    }

    private Map<String, Object> initialize(JsonNode params) {
        String asked = params.path("protocolVersion").asString(null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("protocolVersion", asked != null && VERSIONS.contains(asked) ? asked : LATEST);
        result.put("capabilities", Map.of("tools", Map.of("listChanged", false)));
        result.put("serverInfo", Map.of("name", "nex7", "title", "NEX7", "version", version));
        result.put("instructions", "Each tool runs one published NEX7 workflow with the arguments as its input and returns "
                + "its result. A run that takes longer than " + settings.callTimeout().toSeconds() + " s answers with its "
                + "execution id; it goes on in NEX7.");
        return result;
    }

    private Object call(Object requestId, JsonNode params, McpTokens.Bearer bearer) throws InterruptedException {
        String name = params.path("name").asString(null);
        JsonNode arguments = params.path("arguments");
        if (name == null) {
            return error(requestId, -32602, "Invalid params: tools/call needs a tool name.");
        }
        if (!arguments.isMissingNode() && !arguments.isNull() && !arguments.isObject()) {
            return error(requestId, -32602, "Invalid params: arguments must be an object.");
        }
        Optional<WorkflowTools.Tool> tool = tools.find(bearer.user(), bearer.project(), name);
        if (tool.isEmpty()) {
            return error(requestId, -32602, "Unknown tool: " + name);
        }
        Object input = arguments.isObject() ? json.treeToValue(arguments, Map.class) : Map.of();
        WorkflowService.RunOutcome outcome;
        try {
            outcome = workflows.runPublished(bearer.user(), tool.get().workflow().id(), input, "mcp", settings.callTimeout());
        } catch (WorkflowService.InputRejected rejected) {
            return result(requestId, toolResult(true, "The arguments do not match the tool's input schema: " + rejected.getMessage(), null));
        } catch (WorkflowNotFound gone) {
            return error(requestId, -32602, "Unknown tool: " + name);
        } catch (ApiProblem refused) {
            log.debug("MCP call of {} refused: {}", name, refused.getMessage());
            return result(requestId, toolResult(true, refused.getMessage(), null));
        }
        String execution = " (NEX7 execution " + outcome.executionId() + ")";
        if (outcome.output() != null) {
            return result(requestId, toolResult(false, json.writeValueAsString(outcome.output()), outcome.output()));
        }
        if (!outcome.finished()) {
            return result(requestId, toolResult(true, "The workflow is still running after " + settings.callTimeout().toSeconds()
                    + " s" + execution + "; its result will be in NEX7's execution history.", null));
        }
        if ("succeeded".equals(outcome.status())) {
            return result(requestId, toolResult(false, "The workflow succeeded without output" + execution + ".", null));
        }
        return result(requestId, toolResult(true, "The workflow " + outcome.status() + ": "
                + (outcome.error() == null ? "no reason given" : outcome.error()) + execution + ".", null));
    }

    private static Map<String, Object> toolResult(boolean error, String text, Object output) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("content", List.of(Map.of("type", "text", "text", text)));
        if (output instanceof Map<?, ?>) {
            result.put("structuredContent", output);
        }
        result.put("isError", error);
        return result;
    }

    private Optional<McpTokens.Bearer> bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.authenticate(header.substring(7).strip());
    }

    /** A page of another origin must not reach a local NEX7 through the visitor's browser. */
    private static void checkOrigin(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return;
        }
        try {
            URI given = URI.create(origin);
            String host = request.getHeader(HttpHeaders.HOST);
            if (host != null && given.getScheme() != null && given.getScheme().equalsIgnoreCase(request.getScheme())
                    && host.equalsIgnoreCase(given.getRawAuthority())) {
                return;
            }
        } catch (IllegalArgumentException malformed) {
            // refused below
        }
        throw new ForeignOrigin();
    }

    private static Object idOf(JsonNode message) {
        JsonNode id = message.isObject() ? message.get("id") : null;
        if (id == null || !(id.isString() || id.isIntegralNumber())) {
            return null;
        }
        return id.isString() ? id.asString() : id.asLong();
    }

    private static Map<String, Object> result(Object id, Object result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", id);
        answer.put("result", result);
        return answer;
    }

    private static Map<String, Object> error(Object id, int code, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", id);
        answer.put("error", Map.of("code", code, "message", message));
        return answer;
    }
}
