package dev.nex7.mcp;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/**
 * A registered MCP server could not be used: unreachable, refused our credentials, answered
 * something that is not MCP, or returned a JSON-RPC error. The message names the server and why,
 * never the credential.
 */
public class McpFailure extends ApiProblem {

    public McpFailure(String message) {
        super(HttpStatus.BAD_GATEWAY, "mcp-server-failed", "The MCP server could not be used", message);
    }
}
