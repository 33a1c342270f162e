package dev.nex7.agent;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** An agent with this id exists already, built-in, plugin or custom. */
public class AgentIdTaken extends ApiProblem {

    public AgentIdTaken() {
        super(HttpStatus.CONFLICT, "agent-exists", "Agent exists",
                "An agent with this id exists already; choose another id.");
    }
}
