package dev.nex7.agent;

/**
 * An agent was added, changed or removed: a plugin registered or unregistered one, or an admin
 * created, edited or deleted a custom agent. For whoever keeps something derived from definitions
 * (the orchestration's tool and prompt caches, live agent lists).
 *
 * @param agentId the agent's id
 * @param change what happened to it
 */
public record AgentRegistryChanged(String agentId, Change change) {

    public enum Change { ADDED, CHANGED, REMOVED }
}
