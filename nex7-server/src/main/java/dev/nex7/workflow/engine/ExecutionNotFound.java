package dev.nex7.workflow.engine;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** No such execution, or the caller may not see it. */
public class ExecutionNotFound extends ApiProblem {

    public ExecutionNotFound() {
        super(HttpStatus.NOT_FOUND, "execution-not-found", "Execution not found", "There is no such execution.");
    }
}
