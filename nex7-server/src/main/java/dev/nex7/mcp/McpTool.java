package dev.nex7.mcp;

import java.util.Map;

/**
 * A tool of a registered MCP server, as its last {@code tools/list} described it.
 *
 * @param server the server's registered name
 * @param qualifiedName {@code server__tool}: unique across servers, what an agent's model sees
 */
public record McpTool(String server, String name, String qualifiedName, String description, Map<String, Object> inputSchema) {

    /** Joins a server's and a tool's name into the name models see. */
    public static String qualify(String server, String tool) {
        return server + "__" + tool;
    }
}
