package dev.nex7.agent;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The agent is a built-in or a plugin's: only custom agents are changed through the API. */
public class AgentReadOnly extends ApiProblem {

    public AgentReadOnly() {
        super(HttpStatus.CONFLICT, "agent-read-only", "Agent is read-only",
                "Built-in and plugin agents are changed by their source, not through the API.");
    }
}
