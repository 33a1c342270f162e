package dev.nex7.mcp;

/**
 * What a tool call returned: its text content joined, its structured content if any, and whether the
 * tool reported an error (which the model should see, not a failure of the call itself).
 */
public record McpToolResult(String text, Object structuredContent, boolean error) {
}
