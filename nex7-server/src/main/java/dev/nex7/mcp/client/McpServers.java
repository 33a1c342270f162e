package dev.nex7.mcp.client;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserId;
import dev.nex7.integration.OutboundHttp;
import dev.nex7.mcp.McpFailure;
import dev.nex7.mcp.McpSettings;
import dev.nex7.mcp.McpTool;
import dev.nex7.mcp.McpToolResult;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.WebAddress;
import dev.nex7.platform.secret.Sealed;
import dev.nex7.platform.secret.SecretBox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP servers administrators registered, their tools as last listed, and which agent may use
 * which tool. Listing a server's tools sends {@code initialize} and {@code tools/list} and nothing
 * else; a tool runs only when an allowed agent calls it.
 */
@Service
public class McpServers {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final Pattern AGENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /**
     * A registered server as shown to administrators: never the header's value.
     *
     * @param tools its tools as last listed; empty before the first listing
     */
    public record Server(UUID id, String name, String url, String authHeader, Instant createdAt, Instant toolsListedAt,
            List<McpTool> tools, Map<String, List<String>> agentTools) {
    }

    /** No such server. */
    static final class ServerNotFound extends ApiProblem {
        ServerNotFound() {
            super(HttpStatus.NOT_FOUND, "mcp-server-not-found", "MCP server not found", "There is no such MCP server.");
        }
    }

    /** Another server has the name. */
    static final class ServerNameTaken extends ApiProblem {
        ServerNameTaken(String name) {
            super(HttpStatus.CONFLICT, "mcp-server-name-taken", "MCP server name taken", "An MCP server is already named " + name + ".");
        }
    }

    /** The agent may not use the tool (or the tool does not exist). */
    public static final class ToolNotAllowed extends ApiProblem {
        ToolNotAllowed(String agent, String tool) {
            super(HttpStatus.FORBIDDEN, "mcp-tool-not-allowed", "MCP tool not allowed",
                    "Agent " + agent + " may not use the MCP tool " + tool + "; an administrator allows tools per agent.");
        }
    }

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final McpWire wire;
    private final JsonMapper json;
    private final McpSettings settings;
    private final Clock clock;

    McpServers(JdbcClient jdbc, SecretBox box, OutboundHttp http, JsonMapper json, McpSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.wire = new McpWire(http, json, settings.clientTimeout());
    }

    /** Registers a server (HTTP transport only). {@code authHeader}/{@code authValue} are both given or both absent. */
    @Transactional
    public Server register(UserId admin, String name, String url, String authHeader, String authValue) {
        List<ApiProblem.FieldError> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new ApiProblem.FieldError("name", "1 to 40 lower-case letters, digits and '-', starting with a letter or digit"));
        }
        if (!WebAddress.isHttp(url)) {
            problems.add(new ApiProblem.FieldError("url", "an absolute http or https URL (MCP's Streamable HTTP transport)"));
        }
        boolean hasHeader = authHeader != null && !authHeader.isBlank();
        boolean hasValue = authValue != null && !authValue.isEmpty();
        if (hasHeader != hasValue) {
            problems.add(new ApiProblem.FieldError("authHeader", "give both the header's name and its value, or neither"));
        } else if (hasHeader && (!HEADER.matcher(authHeader).matches() || authValue.length() > 4096 || authValue.contains("\n") || authValue.contains("\r"))) {
            problems.add(new ApiProblem.FieldError("authHeader", "a header name of letters, digits and '-', and a one-line value of at most 4096 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        UUID id = UUID.randomUUID();
        Sealed sealed = hasHeader ? box.seal(authValue, context(id)) : null;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            jdbc.sql("INSERT INTO mcp_servers (id, name, url, auth_header, key_id, sealed_auth, created_by, created_at) "
                            + "VALUES (:id, :name, :url, :header, :key, :sealed, :by, :at)")
                    .param("id", id).param("name", name).param("url", url).param("header", hasHeader ? authHeader : null)
                    .param("key", sealed == null ? null : sealed.keyId()).param("sealed", sealed == null ? null : sealed.ciphertext())
                    .param("by", admin.value()).param("at", now.atOffset(ZoneOffset.UTC)).update();
        } catch (DuplicateKeyException taken) {
            throw new ServerNameTaken(name);
        }
        return get(id);
    }

    public List<Server> list() {
        return jdbc.sql("SELECT * FROM mcp_servers ORDER BY name").query(this::map).list().stream().map(this::withAllowLists).toList();
    }

    public Server get(UUID id) {
        return jdbc.sql("SELECT * FROM mcp_servers WHERE id = :id").param("id", id).query(this::map).optional()
                .map(this::withAllowLists).orElseThrow(ServerNotFound::new);
    }

    @Transactional
    public void delete(UUID id) {
        if (jdbc.sql("DELETE FROM mcp_servers WHERE id = :id").param("id", id).update() == 0) {
            throw new ServerNotFound();
        }
    }

    /** Asks the server for its tools ({@code initialize} + {@code tools/list}, following cursors) and keeps them. */
    public Server refreshTools(UUID id) {
        Stored server = stored(id);
        List<Map<String, Object>> tools = new ArrayList<>();
        try (McpWire.Session session = wire.open(server.name(), URI.create(server.url()), headers(server))) {
            String cursor = null;
            do {
                JsonNode page = session.request("tools/list", cursor == null ? Map.of() : Map.of("cursor", cursor));
                for (JsonNode tool : page.path("tools")) {
                    if (tools.size() >= settings.maxServerTools()) {
                        break;
                    }
                    String name = tool.path("name").asString(null);
                    if (name == null || name.isBlank() || name.length() > 128) {
                        continue;
                    }
                    Map<String, Object> kept = new LinkedHashMap<>();
                    kept.put("name", name);
                    kept.put("description", tool.path("description").asString(""));
                    kept.put("inputSchema", tool.path("inputSchema").isObject() ? json.treeToValue(tool.path("inputSchema"), Map.class)
                            : Map.of("type", "object"));
                    tools.add(kept);
                }
                cursor = page.path("nextCursor").asString(null);
            } while (cursor != null && tools.size() < settings.maxServerTools());
        }
        jdbc.sql("UPDATE mcp_servers SET tools = CAST(:tools AS JSONB), tools_at = :at WHERE id = :id")
                .param("tools", json.writeValueAsString(tools)).param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("id", id).update();
        // Tools the server no longer has are no longer allowed.
        Set<String> names = new LinkedHashSet<>();
        tools.forEach(tool -> names.add((String) tool.get("name")));
        if (names.isEmpty()) {
            jdbc.sql("DELETE FROM mcp_agent_tools WHERE server_id = :id").param("id", id).update();
        } else {
            jdbc.sql("DELETE FROM mcp_agent_tools WHERE server_id = :id AND tool_name NOT IN (:names)").param("id", id)
                    .param("names", List.copyOf(names)).update();
        }
        return get(id);
    }

    /** Which of the server's tools {@code agentId} may use (replacing what it had); the tools must have been listed. */
    @Transactional
    public Server allow(UUID id, String agentId, List<String> toolNames) {
        Stored server = stored(id);
        if (agentId == null || !AGENT.matcher(agentId).matches()) {
            throw new InvalidRequest("agentId", "an agent id: lower-case letters, digits and '-'");
        }
        Set<String> known = new LinkedHashSet<>();
        server.tools().forEach(tool -> known.add(tool.name()));
        List<String> unknown = toolNames.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequest("tools", "not tools of " + server.name() + " (list its tools first): " + String.join(", ", unknown));
        }
        jdbc.sql("DELETE FROM mcp_agent_tools WHERE server_id = :id AND agent_id = :agent").param("id", id).param("agent", agentId).update();
        for (String tool : new LinkedHashSet<>(toolNames)) {
            jdbc.sql("INSERT INTO mcp_agent_tools (server_id, agent_id, tool_name) VALUES (:id, :agent, :tool)")
                    .param("id", id).param("agent", agentId).param("tool", tool).update();
        }
        return get(id);
    }

    /** The tools {@code agentId} may use, across servers. */
    public List<McpTool> toolsFor(String agentId) {
        List<McpTool> tools = new ArrayList<>();
        for (Stored server : jdbc.sql("SELECT * FROM mcp_servers WHERE id IN (SELECT server_id FROM mcp_agent_tools WHERE agent_id = :agent) "
                + "ORDER BY name").param("agent", agentId).query(this::map).list()) {
            Set<String> allowed = allowed(server.id()).getOrDefault(agentId, List.of()).stream().collect(java.util.stream.Collectors.toSet());
            server.tools().stream().filter(tool -> allowed.contains(tool.name())).forEach(tools::add);
        }
        return tools;
    }

    /** Calls {@code qualifiedName} ({@code server__tool}) for {@code agentId}, if that agent may use it. */
    public McpToolResult call(String agentId, String qualifiedName, Map<String, Object> arguments) {
        McpTool tool = toolsFor(agentId).stream().filter(candidate -> candidate.qualifiedName().equals(qualifiedName)).findFirst()
                .orElseThrow(() -> new ToolNotAllowed(agentId, qualifiedName));
        Stored server = jdbc.sql("SELECT * FROM mcp_servers WHERE name = :name").param("name", tool.server()).query(this::map).single();
        try (McpWire.Session session = wire.open(server.name(), URI.create(server.url()), headers(server))) {
            JsonNode result = session.request("tools/call", Map.of("name", tool.name(), "arguments", arguments == null ? Map.of() : arguments));
            StringBuilder text = new StringBuilder();
            for (JsonNode content : result.path("content")) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(content.path("type").asString("").equals("text") ? content.path("text").asString("")
                        : "[" + content.path("type").asString("content") + "]");
            }
            Object structured = result.path("structuredContent").isMissingNode() || result.path("structuredContent").isNull() ? null
                    : json.treeToValue(result.path("structuredContent"), Object.class);
            return new McpToolResult(text.toString(), structured, result.path("isError").asBoolean(false));
        }
    }

    private Map<String, String> headers(Stored server) {
        if (server.authHeader() == null) {
            return Map.of();
        }
        return Map.of(server.authHeader(), box.openString(server.sealed(), context(server.id())));
    }

    static String context(UUID id) {
        return "mcp-server-auth:" + id;
    }

    private Stored stored(UUID id) {
        return jdbc.sql("SELECT * FROM mcp_servers WHERE id = :id").param("id", id).query(this::map).optional().orElseThrow(ServerNotFound::new);
    }

    private Map<String, List<String>> allowed(UUID server) {
        Map<String, List<String>> byAgent = new LinkedHashMap<>();
        jdbc.sql("SELECT agent_id, tool_name FROM mcp_agent_tools WHERE server_id = :id ORDER BY agent_id, tool_name").param("id", server)
                .query((row, index) -> byAgent.computeIfAbsent(row.getString("agent_id"), agent -> new ArrayList<>()).add(row.getString("tool_name")))
                .list();
        return byAgent;
    }

    private Server withAllowLists(Stored server) {
        return new Server(server.id(), server.name(), server.url(), server.authHeader(), server.createdAt(), server.toolsAt(), server.tools(),
                allowed(server.id()));
    }

    /** A row as stored (the sealed header value stays inside this class). */
    record Stored(UUID id, String name, String url, String authHeader, Sealed sealed, Instant createdAt, Instant toolsAt, List<McpTool> tools) {
    }

    @SuppressWarnings("unchecked")
    private Stored map(ResultSet row, int index) throws SQLException {
        String name = row.getString("name");
        List<McpTool> tools = new ArrayList<>();
        String stored = row.getString("tools");
        if (stored != null) {
            for (Map<String, Object> tool : (List<Map<String, Object>>) json.readValue(stored, List.class)) {
                String toolName = (String) tool.get("name");
                tools.add(new McpTool(name, toolName, McpTool.qualify(name, toolName), (String) tool.get("description"),
                        (Map<String, Object>) tool.get("inputSchema")));
            }
        }
        String keyId = row.getString("key_id");
        OffsetDateTime toolsAt = row.getObject("tools_at", OffsetDateTime.class);
        return new Stored(row.getObject("id", UUID.class), name, row.getString("url"), row.getString("auth_header"),
                keyId == null ? null : new Sealed(keyId, row.getBytes("sealed_auth")), row.getObject("created_at", OffsetDateTime.class).toInstant(),
                toolsAt == null ? null : toolsAt.toInstant(), tools);
    }

    /** For master key rotation: servers whose header value is sealed with another key than the active one. */
    List<Stored> notSealedWith(String keyId) {
        return jdbc.sql("SELECT * FROM mcp_servers WHERE key_id IS NOT NULL AND key_id <> :key FOR UPDATE").param("key", keyId)
                .query(this::map).list();
    }

    void replaceSealed(UUID id, Sealed sealed) {
        jdbc.sql("UPDATE mcp_servers SET key_id = :key, sealed_auth = :sealed WHERE id = :id")
                .param("key", sealed.keyId()).param("sealed", sealed.ciphertext()).param("id", id).update();
    }

    Set<String> keyIdsInUse() {
        return new LinkedHashSet<>(jdbc.sql("SELECT DISTINCT key_id FROM mcp_servers WHERE key_id IS NOT NULL").query(String.class).list());
    }
}
