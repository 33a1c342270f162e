package dev.nex7.agent;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The action needs the platform admin role. */
public class AdminRoleRequired extends ApiProblem {

    public AdminRoleRequired() {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "Only administrators manage agents.");
    }
}
