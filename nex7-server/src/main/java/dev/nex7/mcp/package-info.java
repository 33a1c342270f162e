/**
 * The Model Context Protocol, both ways. As a server, NEX7 exposes each project's published workflows
 * (an active version with a manual trigger) as MCP tools at {@code /mcp} (Streamable HTTP), for clients
 * holding a personal or project MCP token. As a client, it talks to MCP servers an administrator
 * registered (HTTP transports only) and offers their tools to the agents each server allows; other
 * modules use {@link dev.nex7.mcp.McpToolbox}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "MCP")
package dev.nex7.mcp;
