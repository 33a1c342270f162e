package dev.nex7.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An agent: who it is and what it may do. Agents are data; the orchestration gives the system
 * prompt to the model, offers it the tools named here and tries the models in order.
 *
 * @param id a slug ({@code dev}, {@code release-notes}), unique across all sources
 * @param name what the chat shows
 * @param persona one line saying what the agent is for
 * @param systemPrompt the instructions the model gets
 * @param tools the tools it may use, from {@link AgentTools#NAMES}
 * @param models model preferences as {@code provider:model}, tried in order; empty for the
 *        configured default chain
 * @param avatar an emoji or a short text
 * @param color {@code #rrggbb}
 * @param source {@code builtin}, {@code custom} or {@code plugin:<plugin id>}
 * @param handsOffTo the agents it hands requests outside its role to, by id
 */
public record AgentDefinition(String id, String name, String persona, String systemPrompt, List<String> tools,
        List<String> models, String avatar, String color, String source, List<String> handsOffTo) {

    /** The agent that greets, explains and routes; it is always enabled. */
    public static final String NEXY = "nexy";
    public static final String BUILTIN = "builtin";
    public static final String CUSTOM = "custom";
    public static final String PLUGIN_PREFIX = "plugin:";

    public AgentDefinition {
        tools = copy(tools);
        models = copy(models);
        handsOffTo = copy(handsOffTo);
    }

    /** Built-in and plugin agents are changed by their source, not through the API. */
    public boolean isCustom() {
        return CUSTOM.equals(source);
    }

    /** Keeps {@code null} elements, which validation reports, where {@link List#copyOf} would throw. */
    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    public AgentDefinition withSource(String newSource) {
        return new AgentDefinition(id, name, persona, systemPrompt, tools, models, avatar, color, newSource, handsOffTo);
    }
}
