package dev.nex7.mcp;

import dev.nex7.mcp.client.McpServers;

/** The problem types tests expect, by class. */
final class McpServersTestAccess {

    private McpServersTestAccess() {
    }

    static Class<? extends Throwable> toolNotAllowed() {
        return McpServers.ToolNotAllowed.class;
    }
}
