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
 * @param historyTokenBudget how many tokens (estimated at four characters each) of recent messages a
 *        turn sends to the model; older ones are folded into the conversation's rolling summary
 * @param answerMaxTokens the most tokens one model answer may have
 * @param maxModelCalls the most model calls one turn makes (tool use loops end there)
 * @param maxHandoffs the most handoffs within one turn (no ping-pong)
 * @param maxConsultationDepth how deep consultations nest: 1 lets an agent consult another, which
 *        may not consult a third
 * @param consultationMaxTokens the most tokens a consulted agent's answer may have
 * @param toolResultMaxChars the longest tool result handed back to the model; longer ones are cut
 * @param workflowWait how long the run-a-workflow tool waits for the workflow's result
 */
@Validated
@ConfigurationProperties("nex7.agent")
public record AgentSettings(
        @DefaultValue("classpath*:agents/*.md") @NotBlank String definitions,
        @DefaultValue("200") @Min(1) @Max(1000) int titleMaxLength,
        @DefaultValue("256KB") @NotNull DataSize messageMaxSize,
        @DefaultValue("200") @Min(1) int factsPerProject,
        @DefaultValue("12000") @Min(500) int historyTokenBudget,
        @DefaultValue("4096") @Min(16) int answerMaxTokens,
        @DefaultValue("10") @Min(1) @Max(50) int maxModelCalls,
        @DefaultValue("2") @Min(0) @Max(10) int maxHandoffs,
        @DefaultValue("1") @Min(0) @Max(3) int maxConsultationDepth,
        @DefaultValue("1500") @Min(16) int consultationMaxTokens,
        @DefaultValue("8000") @Min(200) int toolResultMaxChars,
        @DefaultValue("60s") @NotNull java.time.Duration workflowWait) {
}
