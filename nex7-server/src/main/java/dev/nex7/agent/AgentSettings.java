package dev.nex7.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Agents, conversations and project memory.
 *
 * @param definitions where the built-in agent definition files are (a Spring resource pattern);
 *        pointing it at a folder of one's own ({@code file:/etc/nex7/agents/*.md}) replaces the
 *        built-ins, which must still include {@code nexy}
 * @param titleMaxLength the longest conversation title, in characters
 * @param messageMaxSize the largest message: its content blocks as JSON plus its plain text
 * @param factsPerProject how many memory facts a project may hold
 */
@Validated
@ConfigurationProperties("nex7.agent")
public record AgentSettings(
        @DefaultValue("classpath*:agents/*.md") @NotBlank String definitions,
        @DefaultValue("200") @Min(1) @Max(1000) int titleMaxLength,
        @DefaultValue("256KB") @NotNull DataSize messageMaxSize,
        @DefaultValue("200") @Min(1) int factsPerProject) {
}
