package dev.nex7.project;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The caller is a member, but their role does not allow this. */
public class ProjectRoleTooLow extends ApiProblem {

    public ProjectRoleTooLow(ProjectRole needed) {
        super(HttpStatus.FORBIDDEN, "project-role-too-low", "Not allowed in this project",
                "This needs the " + needed.id() + " role in the project.");
    }
}
