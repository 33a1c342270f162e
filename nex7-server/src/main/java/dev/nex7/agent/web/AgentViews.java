package dev.nex7.agent.web;

import java.util.List;

import dev.nex7.agent.AgentDefinition;
import io.swagger.v3.oas.annotations.media.Schema;

/** What the agent API answers with and reads. */
final class AgentViews {

    private AgentViews() {
    }

    /**
     * An agent.
     *
     * @param enabled whether it may answer in the project asked about (always {@code true} when none was)
     */
    record AgentView(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String persona,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String systemPrompt,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Tool names") List<String> tools,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "provider:model, tried in order")
            List<String> models,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String avatar,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "#2563eb") String color,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "builtin, custom or plugin:<plugin id>")
            String source,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> handsOffTo,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean enabled) {

        static AgentView of(AgentDefinition agent, boolean enabled) {
            return new AgentView(agent.id(), agent.name(), agent.persona(), agent.systemPrompt(), agent.tools(),
                    agent.models(), agent.avatar(), agent.color(), agent.source(), agent.handsOffTo(), enabled);
        }
    }

    /** A custom agent's definition; its id is in the path. */
    record AgentRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 40) String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, description = "One line") String persona,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 32000) String systemPrompt,
            @Schema(description = "Tool names (see GET /api/agent-tools); none when left out") List<String> tools,
            @Schema(description = "provider:model preferences; the default chain when left out") List<String> models,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 16, description = "An emoji or short text")
            String avatar,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "#0f766e") String color,
            @Schema(description = "Agents it hands requests outside its role to") List<String> handsOffTo) {

        AgentDefinition definition(String id) {
            return new AgentDefinition(id, name, persona, systemPrompt, tools, models, avatar, color,
                    AgentDefinition.CUSTOM, handsOffTo);
        }
    }

    /** Switches an agent on or off in a project. */
    record AgentSwitchRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean enabled) {
    }
}
