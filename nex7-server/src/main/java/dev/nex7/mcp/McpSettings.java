package dev.nex7.mcp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The MCP server and client.
 *
 * @param callTimeout how long a {@code tools/call} waits for the workflow to end before it answers with the
 *        execution's id and "still running"
 * @param maxTokensPerUser the most MCP tokens one user may hold (personal and project ones together)
 * @param maxTokenLifetime the longest lifetime a token may be given; a token without expiry is allowed
 *        only when this is zero
 * @param clientTimeout how long one request to a registered MCP server may take
 * @param maxServerTools the most tools read from one registered server's {@code tools/list}
 */
@Validated
@ConfigurationProperties("nex7.mcp")
public record McpSettings(
        @DefaultValue("60s") @NotNull Duration callTimeout,
        @DefaultValue("50") @Min(1) @Max(1000) int maxTokensPerUser,
        @DefaultValue("0s") @NotNull Duration maxTokenLifetime,
        @DefaultValue("30s") @NotNull Duration clientTimeout,
        @DefaultValue("200") @Min(1) @Max(5000) int maxServerTools) {
}
