package dev.nex7.mcp;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.nex7.mcp.client.McpServers;

/**
 * The tools of registered MCP servers, for agents: each agent sees only the tools an administrator
 * allowed it, and may call only those.
 */
@Service
public class McpToolbox {

    private final McpServers servers;

    McpToolbox(McpServers servers) {
        this.servers = servers;
    }

    /** The tools {@code agentId} may use, with the names ({@code server__tool}) its model sees. */
    public List<McpTool> toolsFor(String agentId) {
        return servers.toolsFor(agentId);
    }

    /**
     * Calls a tool for an agent.
     *
     * @throws McpFailure when the server cannot be used
     * @throws dev.nex7.platform.ApiProblem (403) when the agent may not use the tool
     */
    public McpToolResult call(String agentId, String qualifiedName, Map<String, Object> arguments) {
        return servers.call(agentId, qualifiedName, arguments);
    }
}
