package dev.nex7.project;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** No such project, or the caller is not a member of it: the two are not told apart. */
public class ProjectNotFound extends ApiProblem {

    public ProjectNotFound() {
        super(HttpStatus.NOT_FOUND, "project-not-found", "Project not found", "There is no such project.");
    }
}
