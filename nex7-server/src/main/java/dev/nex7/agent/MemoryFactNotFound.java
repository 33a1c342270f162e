package dev.nex7.agent;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The project has no memory fact with this id. */
public class MemoryFactNotFound extends ApiProblem {

    public MemoryFactNotFound() {
        super(HttpStatus.NOT_FOUND, "memory-fact-not-found", "Memory fact not found",
                "This project has no such memory fact.");
    }
}
