package dev.nex7.workflow;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** No such workflow (or version), or the caller may not see it: the two are not told apart. */
public class WorkflowNotFound extends ApiProblem {

    public WorkflowNotFound() {
        super(HttpStatus.NOT_FOUND, "workflow-not-found", "Workflow not found", "There is no such workflow.");
    }

    public WorkflowNotFound(String detail) {
        super(HttpStatus.NOT_FOUND, "workflow-not-found", "Workflow not found", detail);
    }
}
