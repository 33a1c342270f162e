package dev.nex7.agent;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** Nexy cannot be switched off in a project: it routes what no other agent takes. */
public class AgentAlwaysEnabled extends ApiProblem {

    public AgentAlwaysEnabled() {
        super(HttpStatus.CONFLICT, "agent-always-enabled", "Agent cannot be disabled",
                "Nexy routes every request no other agent takes, so it stays enabled in every project.");
    }
}
