package dev.nex7.workflow.engine;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The execution is not in a state that allows what was asked (cancel a finished one, retry a success). */
public class ExecutionConflict extends ApiProblem {

    public ExecutionConflict(String detail) {
        super(HttpStatus.CONFLICT, "execution-state", "Not possible in the execution's state", detail);
    }
}
