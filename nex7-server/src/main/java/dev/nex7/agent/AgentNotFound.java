package dev.nex7.agent;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** No agent has this id. */
public class AgentNotFound extends ApiProblem {

    public AgentNotFound() {
        super(HttpStatus.NOT_FOUND, "agent-not-found", "Agent not found",
                "There is no agent with this id.");
    }
}
