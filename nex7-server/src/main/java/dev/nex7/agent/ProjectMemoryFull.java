package dev.nex7.agent;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The project holds as many memory facts as {@code nex7.agent.facts-per-project} allows. */
public class ProjectMemoryFull extends ApiProblem {

    public ProjectMemoryFull(int limit) {
        super(HttpStatus.CONFLICT, "project-memory-full", "Project memory is full",
                "A project remembers at most " + limit + " facts; delete one before adding another.");
    }
}
